"""The files of a published version, rendered once from the data and stored as served."""
import json
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import Q
from django.template.loader import render_to_string

from budget.budgets.models import Line
from budget.budgets.publication import template_of
from budget.codes.models import FunctionalSubject
from budget.document.builder import document_context
from budget.document.layouts import LAYOUTS
from budget.document.pdf import render_pdf
from budget.exchange.services import budget_export
from budget.figures.metrics import by_function
from budget.figures.money import to_wan
from budget.figures.sums import ALL, sums_by
from budget.tables.exports import tables_document, tables_workbook
from budget.tables.templates import template_tables

from .models import UnitDocument


def pdf_bytes(budget):
    """The document as PDF (WeasyPrint: seconds for a real budget), laid out from the context
    that render_files built for the body when there is one."""
    return render_pdf(budget, getattr(budget, "rendered_context", None))


def as_json(doc, *, indent=None):
    """UTF-8 JSON as stored. The published files have no indent (json's C encoder: three times
    faster for a large budget's tables than the pure-Python one that an indent forces); a
    version published before keeps the indented file it was stored with."""
    return (json.dumps(doc, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


def chart_data(budget):
    """Expenditure in total, by 功能分类类 and by 基本/项目支出, in 万元 (strings), for the public charts."""
    names = dict(
        FunctionalSubject.objects.filter(edition_id=budget.edition_id, level=1).values_list("code", "name")
    )
    kinds = {kind: amount for (kind,), (amount,) in sums_by(budget.lines, ["kind"], [ALL]).items()}
    return {
        # The department's history charts each year's total, rounded once from the exact sum.
        "total": str(to_wan(sum(kinds.values(), Decimal(0)))),
        "by_class": [
            {"label": names.get(code, code), "amount": str(to_wan(amount))}
            for code, amount in by_function(budget, Q(), 3)
        ],
        "by_kind": [
            {"label": kind.label, "amount": str(to_wan(kinds.get(kind.value) or 0))} for kind in Line.Kind
        ],
    }


def render_files(budget, publication=None):
    """Every file of a version of `budget`: {field: (file name, bytes)}. Seconds for a real budget.
    In the template `publication` was published with (without one, the budget's own).

    The standard tables and the document's context are built once, for every file that shows them.
    A `publication` after the first prints its version and 更正说明 (templates/document/_version.html).
    """
    files = document_files(budget, publication)
    return {**files, "exchange_json": ("budget.json", as_json(budget_export(budget=budget)))}


def template_for(budget, publication):
    return publication.template if publication is not None else template_of(budget)


def document_files(budget, publication, unit=None):
    """The document's body, tables (JSON, XLSX) and PDF: the department's, or `unit`'s 单位预算."""
    template = template_for(budget, publication)
    tables = template_tables(budget=budget, template=template, unit=unit)
    context = budget.rendered_context = document_context(budget, tables, template=template, unit=unit)
    context["publication"] = publication
    return {
        "body_html": ("body.html", render_to_string("document/body.html", context).encode("utf-8")),
        "tables_json": ("tables.json", as_json(tables_document(budget=budget, template=template, unit=unit,
                                                               tables=tables))),
        "tables_xlsx": ("tables.xlsx", tables_workbook(budget=budget, template=template, unit=unit, tables=tables)),
        "pdf": ("document.pdf", pdf_bytes(budget)),
    }


def render_unit_files(budget, publication=None):
    """[(unit, files)] of the 单位预算 the template publishes: one per unit of a department of
    several (a department of one unit is that unit's budget already)."""
    units = list(budget.units.all())
    if not LAYOUTS[template_for(budget, publication)].unit_documents or len(units) < 2:
        return []
    return [(unit, document_files(budget, publication, unit)) for unit in units]


def store_files(*, publication, files, chart, units=()):
    """Store the rendered files and charts of `publication` (not yet saved to the database), and
    its 单位预算 (`units`, from render_unit_files) once it is."""
    publication.chart = chart
    for field, (name, content) in files.items():
        getattr(publication, field).save(name, ContentFile(content), save=False)
    publication.unit_files = units


def store_unit_documents(publication):
    """The 单位预算 that store_files kept aside, saved beside the (saved) publication."""
    for position, (unit, files) in enumerate(getattr(publication, "unit_files", ())):
        document = UnitDocument(publication=publication, position=position, code=unit.code, name=unit.name)
        for field, (name, content) in files.items():
            getattr(document, field).save(name, ContentFile(content), save=False)
        document.save()
