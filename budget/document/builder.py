"""The context of the whole document, shared by the page, the HTML file and the PDF."""
from budget.budgets.publication import template_of
from budget.tables.html import html_tables
from budget.tables.templates import template_tables

from .facts import Facts
from .layouts import LAYOUTS, region, sections_of, written_chapters
from .overview import staffing_sentence


def document_context(budget, tables=None, *, template=None, unit=None):
    """The document of `budget` in `template` (None: the one it publishes with), or the 单位预算
    of `unit` (a BudgetUnit); `tables`: its tables, when the caller has built them for other files too."""
    template = template or template_of(budget)
    layout = LAYOUTS[template]
    department = budget.department
    overview = budget.overview
    facts = Facts(budget, unit)
    tables = html_tables(budget=budget, tables=tables or template_tables(budget=budget, template=template, unit=unit))
    kind = "部门" if unit is None else "单位"
    chapters = written_chapters(layout, facts)
    return {
        "budget": budget,
        "department": department,
        "unit": unit,
        "name": facts.name,
        "year": budget.year,
        "template": template,
        "layout": layout,
        "document_title": f"{facts.name} {budget.year} 年{kind}预算",
        "cover_title": layout.cover_title.format(region=region(department.bureau.name), year=budget.year, kind=kind),
        "functions": list(budget.functions.all()),
        "overview": overview,
        "staffing": staffing_sentence(department.name, overview),
        "tables": tables,
        "table_entries": [(t, layout.table_entry.format(number=t.standard.number, title=t.standard.title)) for t in tables],
        "chapters": chapters,
        "sections": sections_of(chapters),  # the narrative's sections, for readers of its sentences
        "signed_on": budget.published_on.strftime("%Y年%m月%d日") if budget.published_on else "",
    }
