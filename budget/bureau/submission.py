"""/manage/review/<department>/<year>/: one submission as its reviewer checks it.

The document as it will be published, the validation findings, the key figures with their 上年
and changes (the document's figures: budget.figures), and what changed against the previous
submission and against the published version (diff.py); the review moves from there. Anyone who
may read the budget sees the page; only its reviewers see the moves.
"""
import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from budget.budgets.access import get_budget_for_user
from budget.budgets.models import Budget
from budget.document.builder import document_context
from budget.exchange.services import budget_export
from budget.figures.catalogue import METRICS
from budget.figures.metrics import metrics_with_prior
from budget.figures.money import YUAN
from budget.validation import validate
from budget.workflow.forms import TransitionForm
from budget.workflow.models import Publication, Submission
from budget.workflow.transitions import allowed

from .diff import diff
from .figures import Comparison, queue_figures

Status = Budget.Status
ACTIONS = ("return", "approve", "publish")
# The document's key figures, in its order (the 项 are in the tables below them).
KEY_METRICS = [key for key, metric in METRICS.items() if metric.compared]


def key_figures(budget):
    """[Comparison] of the catalogue's compared metrics, with the document's 上年 (None: unknown)."""
    now, prior = metrics_with_prior(budget)
    return [Comparison(METRICS[key].label, now[key], prior[key]) for key in KEY_METRICS]


def previous_submission(budget):
    """The exchange document of the submission before the one under review (the last one while
    the budget is back in its department), None when there is none."""
    documents = list(Submission.objects.filter(change__budget=budget).order_by("-change__at", "-change_id")
                     .values_list("document", flat=True)[:2])
    under_review = budget.status in (Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED)
    older = documents[1:] if under_review else documents[:1]
    return older[0] if older else None


def published_version(budget):
    """(the newest shown Publication, its exchange document), or (None, None)."""
    publication = Publication.done.filter(budget=budget).order_by("-version").first()
    if publication is None:
        return None, None
    with publication.exchange_json.open("rb") as stored:
        return publication, json.loads(stored.read().decode("utf-8"))


def comparisons(budget):
    """[(title, Diff or None, what is missing)] against the previous submission and the published version."""
    previous = previous_submission(budget)
    publication, published = published_version(budget)
    current = budget_export(budget=budget, amount_unit=YUAN)
    return [
        ("与上次报送相比", previous and diff(previous, current), "这是第一次报送，没有可比较的上次报送。"),
        (f"与已公开的第 {publication.version} 版相比" if publication else "与已公开版本相比",
         published and diff(published, budget_export(budget=budget, amount_unit=published["amount_unit"])),
         "尚未公开过。"),
    ]


@login_required
def submission(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    findings = validate(budget)
    return render(request, "review/submission.html", {
        "budget": budget,
        "figures": queue_figures([budget])[budget.pk],
        "key_figures": key_figures(budget),
        "errors": [f for f in findings if f.is_error],
        "warnings": [f for f in findings if not f.is_error],
        "comparisons": comparisons(budget),
        "actions": [t for t in allowed(request.user, budget) if t.action in ACTIONS],
        "form": TransitionForm(),
        "preview": render_to_string("document/body.html", document_context(budget)),
        "history": budget.status_changes.select_related("by"),
    })
