"""/manage/review/: the budgets a reviewer's bureau has received, submitted ones first.

Each shows its status, totals, validation summary and year-on-year changes, with 审核通过 and
退回修改 forms that move it through the workflow's `set_status`, and a link to its submission page
(submission.py) and to the confirmation of 公开. The figures of a page take
a constant number of queries; the validation runs per budget (its rules read each budget's
parts), which is why the queue is paginated. Only reviewers (and superusers) have a queue;
anyone else gets 404.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from budget.budgets.access import get_budget_for_user, visible_budgets
from budget.budgets.models import Budget
from budget.orgs.roles import reviews
from budget.validation import shown_findings
from budget.workflow.forms import TransitionForm
from budget.workflow.services import TransitionRefused, set_status
from budget.workflow.transitions import TRANSITIONS, allowed

from .figures import queue_figures

PER_PAGE = 20
ACTIONS = ("approve", "return")
Status = Budget.Status


def queue_budgets(user):
    """The non-draft budgets `user` reviews: submitted first, then the newest years."""
    submitted_first = Case(When(status=Status.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return visible_budgets(user).exclude(status=Status.DRAFT).order_by(submitted_first, "-year", "department__code")


@login_required
def queue(request):
    if not reviews(request.user):
        raise Http404("只有财政部门的审核人员有审核队列")
    page = Paginator(queue_budgets(request.user), PER_PAGE).get_page(request.GET.get("page"))
    budgets = list(page.object_list)
    figures = queue_figures(budgets)
    entries = []
    for budget in budgets:
        findings, moves = shown_findings(budget), allowed(request.user, budget)
        errors = sum(finding.is_error for finding in findings)
        entries.append({
            "budget": budget,
            "figures": figures[budget.pk],
            "errors": errors,
            "warnings": len(findings) - errors,
            "actions": [t for t in moves if t.action in ACTIONS],
            "publishes": any(t.action == "publish" for t in moves),
        })
    return render(request, "review/queue.html", {"page": page, "entries": entries})


@login_required
@require_POST
def act(request, department, year, action):
    if action not in ACTIONS or not reviews(request.user):
        raise Http404("没有这个操作")
    budget = get_budget_for_user(request.user, department, year)
    transition = TRANSITIONS[action]
    form = TransitionForm(request.POST)
    # Back to the page the move was made from: the queue, or the submission's own page.
    from_submission = request.POST.get("back") == "submission"
    back = redirect("review:submission", department, year) if from_submission else redirect("review:queue")
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["comment"]))
        return back
    try:
        set_status(budget=budget, status=transition.target, by=request.user, comment=form.cleaned_data["comment"])
    except TransitionRefused as refused:
        for message in refused.messages:
            messages.error(request, f"{budget}：{message}")
    else:
        messages.success(request, f"{budget}：已{transition.label}")
    return back
