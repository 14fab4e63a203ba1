"""/manage/budgets/<code>/<year>/history/: the changes of a budget's data, newest first.

Whoever may see the budget may read its history: the department's accountants, its bureau's
reviewers once it has left the department, superusers; anyone else gets 404.
"""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from budget.budgets.access import get_budget_for_user

from .changes import budget_changes

PER_PAGE = 50


@login_required
def history(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    page = Paginator(budget_changes(budget), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/history.html", {"budget": budget, "page": page})
