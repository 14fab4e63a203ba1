"""The grid's page and its JSON API, inside the admin (its login, its look).

Every view finds the budget through budget.budgets.access: 404 for a budget the user may not
read; saving needs the right to change it (403). A read-only budget's grid shows its lines
without editing. Saves are POSTed as JSON with the CSRF token in the X-CSRFToken header.
"""
import json

from django.contrib import admin
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from budget.budgets import access
from budget.budgets.models import Budget, Line
from budget.budgets.sources import Source
from budget.entry.admin.amounts import unit_of
from budget.entry.admin.home import home_url, section_links
from budget.entry.admin.totals import line_totals
from budget.security.params import as_number

from . import rows, services


@require_GET
def grid_page(request, pk):
    budget = access.get_budget_by_id(request.user, pk)
    unit = unit_of(request.user)
    return TemplateResponse(request, "admin/budgets/grid.html", {
        **admin.site.each_context(request),
        "opts": Budget._meta, "original": budget, "title": "明细表格",
        "can_edit": access.can_edit(request.user, budget),
        "unit": unit.label, "totals": line_totals(budget, unit),
        "options": rows.options(budget), "sources": Source.choices, "kinds": Line.Kind.choices,
        "sections": section_links(budget),
        "urls": {"lines": reverse("grid:lines", args=[pk]), "save": reverse("grid:save", args=[pk]),
                 "home": home_url(budget)},
    })


@require_GET
def lines_json(request, pk):
    budget = access.get_budget_by_id(request.user, pk)
    unit = unit_of(request.user)
    page = rows.page_of(budget, request.GET, unit)
    return JsonResponse({**page, "revision": budget.revision, "totals": line_totals(budget, unit)})


@require_POST
def save_json(request, pk):
    budget = access.get_budget_by_id(request.user, pk, write=True)
    batch = parsed_batch(request.body)
    if batch is None:
        return refusal(400, "请求的内容不是有效的明细表格数据")
    unit = unit_of(request.user)
    try:
        saved = services.save_rows(budget=budget, by=request.user, unit=unit, **batch)
    except services.GridError as error:
        return JsonResponse({"errors": error.faults}, status=400)
    except services.StaleBatch as error:
        return refusal(409, str(error))
    lines = rows_of_saved(saved.saved, unit)
    return JsonResponse({"revision": saved.revision, "saved": lines, "deleted": saved.deleted,
                         "totals": line_totals(budget, unit)})


def refusal(status, message):
    return JsonResponse({"errors": [{"row": None, "field": None, "message": message}]}, status=status)


def parsed_batch(body):
    """{rows, deleted, seen_revision} of the posted JSON, or None when it is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    batch_rows, deleted = data.get("rows", []), data.get("deleted", [])
    revision = as_number(str(data.get("revision")))
    if revision is None or not isinstance(batch_rows, list) or not isinstance(deleted, list):
        return None
    if not all(isinstance(row, dict) and valid_row(row) for row in batch_rows):
        return None
    deleted = [as_number(str(pk)) for pk in deleted]
    if None in deleted:
        return None
    return {"rows": batch_rows, "deleted": deleted, "seen_revision": revision}


def valid_row(row):
    """Ids are numbers or absent, row numbers are numbers, cells are text (or numbers) or absent."""
    if row.get("id") is not None and as_number(str(row["id"])) is None:
        return False
    if as_number(str(row.get("row"))) is None:
        return False
    row["id"] = as_number(str(row["id"])) if row.get("id") is not None else None
    return all(value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool)
               for key, value in row.items() if key not in ("id", "row"))


def rows_of_saved(saved, unit):
    """The saved rows, as the grid shows them, by the row number they were sent with."""
    loaded = Line.objects.select_related("unit", "function", "economic", "project").in_bulk(
        [line.pk for _, line in saved])
    return [{"row": number, **rows.line_row(loaded[line.pk], unit)} for number, line in saved]
