"""The whole document of a budget for the people who prepare and review it, as a page and a PDF."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import render

from budget.budgets.access import get_budget_for_user
from budget.budgets.downloads import attachment, download_name
from budget.budgets.models import Budget

from .builder import document_context
from .drafts import FAILURE_TIMEOUT, RenderFailed, draft_pdf
from .pdf import pdf_filename

PENDING_REFRESH = 3  # seconds between two looks of the waiting page


@login_required
def document(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    return render(request, "document/page.html", document_context(budget))


@login_required
def document_pdf(request, department, year):
    """The PDF of the budget as it is now: a published budget's is the stored file, a draft's
    is rendered by a worker while a page says so and looks again."""
    budget = get_budget_for_user(request.user, department, year)
    publication = published_version(budget)
    if publication is not None:
        return FileResponse(publication.pdf.open("rb"), as_attachment=True, content_type="application/pdf",
                            filename=download_name(pdf_filename(budget)))
    try:
        pdf = draft_pdf(budget)
    except RenderFailed as failure:
        response = render(request, "document/pdf_pending.html", {"budget": budget, "failure": str(failure)}, status=503)
        response["Retry-After"] = str(FAILURE_TIMEOUT)
        return response
    if pdf is None:
        response = render(request, "document/pdf_pending.html", {"budget": budget}, status=202)
        response["Refresh"] = str(PENDING_REFRESH)
        return response
    return HttpResponse(pdf, content_type="application/pdf",
                        headers={"Content-Disposition": attachment(pdf_filename(budget))})


def published_version(budget):
    """The newest rendered version while the budget is published: its data are that version's."""
    if budget.status != Budget.Status.PUBLISHED:
        return None
    return budget.publications(manager="done").order_by("-version").first()
