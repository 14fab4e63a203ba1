"""The whole document of a budget for the people who prepare and review it."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from budget.budgets.access import get_budget_for_user

from .builder import document_context


@login_required
def document(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    return render(request, "document/page.html", document_context(budget))
