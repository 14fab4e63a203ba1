"""Rendering a budget's PDF for its staff on the task queue (budget.document.drafts)."""
import logging

from budget.budgets.models import Budget
from budget.celery import app

from . import drafts
from .pdf import PdfError, render_pdf

logger = logging.getLogger(__name__)


@app.task
def render_draft_pdf(budget_id):
    budget = Budget.objects.select_related("department", "edition").filter(pk=budget_id).first()
    if budget is None:
        return  # deleted since
    try:
        drafts.store(budget, pdf=render_pdf(budget))
    except PdfError as error:  # too long, too slow (render_pdf's limits): its message says which
        drafts.store(budget, failure=str(error))
    except Exception as error:
        logger.exception("PDF of budget %s failed", budget_id)
        drafts.store(budget, failure=f"PDF 生成失败（{type(error).__name__}）")
