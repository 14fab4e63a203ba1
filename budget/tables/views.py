"""Preview of a budget's standard tables for the people who prepare and review it, and
their XLSX download. Access goes through the one access helper: 404 outside one's budgets."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from budget.budgets.access import get_budget_for_user
from budget.budgets.publication import template_of
from budget.budgets.downloads import attachment

from .exports import tables_workbook
from .html import html_tables
from .templates import template_tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def preview(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    tables = template_tables(budget=budget, template=template_of(budget))
    return render(request, "tables/preview.html", {"budget": budget, "tables": html_tables(budget=budget, tables=tables)})


@login_required
def workbook(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    filename = f"{budget.department.name}{budget.year}年部门预算公开表.xlsx"
    return HttpResponse(
        tables_workbook(budget=budget, template=template_of(budget)), content_type=XLSX,
        headers={"Content-Disposition": attachment(filename)},
    )
