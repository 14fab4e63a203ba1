"""Staff preview of a budget's standard tables, and their XLSX download."""
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from budget.budgets.models import Budget

from .exports import tables_workbook
from .html import html_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_required(view):
    """Anonymous users go to the login page; signed-in users who are not staff get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_budget(department, year):
    return get_object_or_404(Budget.objects.select_related("department"), department__code=department, year=year)


@staff_required
def preview(request, department, year):
    budget = get_budget(department, year)
    return render(request, "tables/preview.html", {"budget": budget, "tables": html_tables(budget=budget)})


@staff_required
def workbook(request, department, year):
    budget = get_budget(department, year)
    filename = f"tables-{budget.department.code}-{budget.year}.xlsx"
    return HttpResponse(
        tables_workbook(budget=budget), content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
