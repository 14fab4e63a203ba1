"""The context of the whole document, shared by the page, the HTML file and the PDF."""
from budget.tables.html import html_tables

from .glossary import TERMS
from .narrative import explanations
from .overview import staffing_sentence


def document_context(budget, tables=None):
    """`tables`: the budget's standard tables, when the caller has built them for other files too."""
    department = budget.department
    overview = budget.overview
    return {
        "budget": budget,
        "department": department,
        "year": budget.year,
        "functions": list(budget.functions.all()),
        "overview": overview,
        "staffing": staffing_sentence(department.name, overview),
        "tables": html_tables(budget=budget, tables=tables),
        "sections": explanations(budget),
        "glossary": TERMS,
        "signed_on": budget.published_on.strftime("%Y年%m月%d日") if budget.published_on else "",
    }
