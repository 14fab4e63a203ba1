"""A page of a budget's lines for the grid, and the lists its cells offer.

Filtering, sorting and paging happen in the database (offset paging over a total order that
ends with the id), so a page costs a count and one joined query whatever the budget's size.
Rows carry the 明细 sheet's columns: codes, names, source and kind by label, the amount in
the user's unit, exactly.
"""
from budget.budgets.models import Line
from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.figures.money import exact
from budget.security.params import as_number

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
# Grid field → what the database sorts it by.
SORTS = {"unit": "unit__code", "function": "function__code", "function_name": "function__name",
         "economic": "economic__code", "economic_name": "economic__name", "source": "source", "kind": "kind",
         "amount": "amount", "project": "project__code"}
# Grid filter → the lookup it narrows the lines with; codes of subjects match from their start,
# so that 201 shows every 项 of 类 201.
FILTERS = {"unit": "unit__code", "function": "function__code__startswith",
           "economic": "economic__code__startswith", "source": "source", "kind": "kind", "project": "project__code"}
COLUMNS = ["id", "unit__code", "function__code", "function__name", "economic__code", "economic__name", "source",
           "kind", "amount", "project__code"]


def filtered(budget, params):
    """The budget's lines narrowed by the filters given in `params` (a QueryDict)."""
    lines = budget.lines.all()
    for name, lookup in FILTERS.items():
        value = params.get(name, "").strip()
        if value:
            lines = lines.filter(**{lookup: value})
    return lines


def ordering(params):
    field = SORTS.get(params.get("sort", ""))
    if field is None:
        return ["id"]
    return [f"-{field}" if params.get("dir") == "desc" else field, "id"]


def page_of(budget, params, unit):
    """{data, last_page, count, offset}: the rows of the page `params` asks for."""
    size = min(as_number(params.get("size")) or PAGE_SIZE, MAX_PAGE_SIZE)
    lines = filtered(budget, params)
    count = lines.count()
    last_page = max(1, -(-count // size))
    page = min(max(as_number(params.get("page")) or 1, 1), last_page)
    offset = (page - 1) * size
    values = lines.order_by(*ordering(params)).values_list(*COLUMNS)[offset:offset + size]
    return {"data": [row_of(values, unit) for values in values], "last_page": last_page, "count": count,
            "offset": offset}


def row_of(values, unit):
    pk, unit_code, function, function_name, economic, economic_name, source, kind, amount, project = values
    return {"id": pk, "unit": unit_code, "function": function, "function_name": function_name,
            "economic": economic, "economic_name": economic_name, "source": Source(source).label,
            "kind": Line.Kind(kind).label, "amount": exact(amount, unit), "project": project or ""}


def line_row(line, unit):
    """The row of a saved Line (its unit, subjects and project loaded)."""
    return row_of((line.pk, line.unit.code, line.function.code, line.function.name, line.economic.code,
                   line.economic.name, line.source, line.kind, line.amount,
                   line.project.code if line.project_id else None), unit)


def options(budget):
    """What the cells offer: the budget's units and projects, the sources and kinds, and the
    functional 项 and economic 款 of the budget's classification edition (code and name)."""
    return {
        "units": list(budget.units.values_list("code", "name")),
        "projects": list(budget.projects.values_list("code", "name")),
        "sources": Source.labels,
        "kinds": Line.Kind.labels,
        "functions": list(FunctionalSubject.objects.filter(edition_id=budget.edition_id, level=3)
                          .order_by("code").values_list("code", "name")),
        "economics": list(EconomicSubject.objects.filter(edition_id=budget.edition_id, level=2)
                          .order_by("code").values_list("code", "name")),
    }
