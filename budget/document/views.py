"""The whole document of a budget for the people who prepare and review it, as a page and a PDF."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from budget.budgets.access import get_budget_for_user
from budget.budgets.downloads import attachment

from .builder import document_context
from .pdf import pdf_filename, render_pdf


@login_required
def document(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    return render(request, "document/page.html", document_context(budget))


@login_required
def document_pdf(request, department, year):
    """The PDF of the budget as it is now: drafts too are rendered on demand."""
    budget = get_budget_for_user(request.user, department, year)
    return HttpResponse(render_pdf(budget), content_type="application/pdf", headers={
        "Content-Disposition": attachment(pdf_filename(budget)),
    })
