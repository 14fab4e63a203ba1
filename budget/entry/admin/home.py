"""A budget's home page: where it stands and what to do next, its totals, its findings, its sections.

The accountant's work starts here (the admin's index and the budget list lead to it): 报送 a
draft, read the reviewer's comment in full and 再次报送 a returned budget, see who approved it
and when. Moves go through the workflow's one `set_status`. Its queries do not grow with the
number of lines: the totals are summed by the database, the counts are counts.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from budget.budgets import models as m
from budget.workflow.events import TOLD
from budget.workflow.forms import TransitionForm
from budget.workflow.services import TransitionNotAllowed, TransitionRefused, set_status
from budget.workflow.transitions import TRANSITIONS, Status, allowed

from .amounts import unit_of
from .sections import SECTIONS, section_url
from .totals import line_totals
from .views import panel_context

# What each status asks of the accountant.
NEXT_STEP = {
    Status.DRAFT: "填写各部分，校验没有错误后报送财政部门审核。",
    Status.RETURNED: "财政部门退回了这份预算：按下面的意见修改后再次报送。",
    Status.SUBMITTED: "已报送，等待财政部门审核；审核期间数据只读。",
    Status.APPROVED: "财政部门已审核通过，等待公开。",
    Status.PUBLISHED: "已公开。需要更正时发起更正，预算回到草稿。",
}


def home_url(budget):
    return reverse("admin:budgets_budget_home", args=[budget.pk])


def home(request, model_admin, budget):
    return TemplateResponse(request, "admin/budgets/budget/home.html", {
        **model_admin.admin_site.each_context(request),
        "opts": m.Budget._meta, "original": budget, "budget": budget, "title": str(budget),
        "next_step": NEXT_STEP[budget.status], "status": status_facts(budget),
        "actions": actions(request.user, budget),
        "totals": line_totals(budget, unit_of(request.user)),
        "sections": section_links(budget), "links": links(budget),
        "events": events(budget),
        **panel_context(budget),
    })


def status_facts(budget):
    """The latest return (its comment in full), approval and submission: who and when."""
    latest = {}
    for change in budget.status_changes.select_related("by").order_by("at", "id"):
        latest[change.target] = change
    returned = latest.get(Status.RETURNED)
    submitted = latest.get(Status.SUBMITTED)
    return {
        "returned": returned if budget.status == Status.RETURNED else None,
        "approved": latest.get(Status.APPROVED) if budget.status in (Status.APPROVED, Status.PUBLISHED) else None,
        "submitted": submitted if budget.status == Status.SUBMITTED else None,
        "was_returned": returned is not None,
    }


def actions(user, budget):
    """The moves the user may make from here: 报送 (再次报送 once returned). Publishing and
    corrections stay on the workflow page, where their notes are written."""
    moves = [t for t in allowed(user, budget) if t.target != Status.PUBLISHED and t.action != "correct"]
    return [{"transition": t, "label": "再次报送" if t.action == "submit" and budget.status == Status.RETURNED else t.label,
             "url": reverse("admin:budgets_budget_act", args=[budget.pk, t.action])} for t in moves]


def section_links(budget):
    counts = {"lines": budget.lines.count(), "projects": budget.projects.count(), "units": budget.units.count()}
    described = {"overview": f"{counts['units']} 个预算单位", "lines": f"{counts['lines']} 条明细",
                 "projects": f"{counts['projects']} 个项目"}
    # The lines are entered in the grid (budget.entry.grid); their section page keeps the plain form.
    urls = {"lines": reverse("grid:page", args=[budget.pk])}
    return [{"section": s, "url": urls.get(s.slug) or section_url(budget, s.slug), "count": described.get(s.slug, "")}
            for s in SECTIONS]


def links(budget):
    code, year = budget.department.code, budget.year
    document = reverse("document:manage", args=[code, year])
    return {
        "document": document, "pdf": f"{document}document.pdf", "tables": reverse("tables:preview", args=[code, year]),
        "history": reverse("audit:history", args=[code, year]), "workflow": reverse("workflow:budget", args=[code, year]),
        "admin_history": reverse("admin:budgets_budget_history", args=[budget.pk]),
        "validation": reverse("admin:budgets_budget_validation", args=[budget.pk]),
        "xlsx": reverse("admin:budgets_budget_lines_xlsx", args=[budget.pk]),
        "upload": reverse("admin:budgets_budget_lines_upload", args=[budget.pk]),
    }


def events(budget, limit=8):
    """The budget's recent returns, approvals and publications, for workflow's events list."""
    changes = budget.status_changes.filter(target__in=list(TOLD)).select_related("budget__department", "by")
    return list(changes.order_by("-at", "-id")[:limit])


@require_POST
def act(request, budget, action):
    """报送 (or another move the user may make) from the home page, through `set_status`."""
    transition = TRANSITIONS.get(action)
    if transition is None or transition.target == Status.PUBLISHED:
        raise Http404("没有这个操作")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["comment"]))
        return HttpResponseRedirect(home_url(budget))
    try:
        set_status(budget=budget, status=transition.target, by=request.user, comment=form.cleaned_data["comment"])
    except TransitionNotAllowed as refused:
        raise PermissionDenied(str(refused))
    except TransitionRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已{transition.label}")
    return HttpResponseRedirect(home_url(budget))
