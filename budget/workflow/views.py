"""The workflow page of a budget: its history and the moves the current user may make."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from budget.budgets.access import get_budget_for_user, visible_budgets
from budget.security.params import as_number

from .forms import TransitionForm
from .services import TransitionRefused, budget_publish, next_version, set_status, validation_errors
from .transitions import TRANSITIONS, Status, allowed, may


@login_required
def workflow(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    transitions = allowed(request.user, budget)
    publications = list(budget.publications.all())
    return render(request, "workflow/budget.html", {
        "budget": budget,
        "actions": [
            {"transition": t, "comment_required": t.comment_required or (t.target == Status.PUBLISHED and publications)}
            for t in transitions
        ],
        "errors": validation_errors(budget) if any(t.target == Status.SUBMITTED for t in transitions) else [],
        "history": budget.status_changes.select_related("by"),
        "publications": publications,
    })


@login_required
def publish(request, department, year):
    """GET: what publishing creates (its version number) and the 更正说明; POST: publish it."""
    budget = get_budget_for_user(request.user, department, year)
    transition = TRANSITIONS["publish"]
    if not may(request.user, budget, transition):
        raise PermissionDenied(f"状态为“{budget.get_status_display()}”的预算不能由你公开")
    form = TransitionForm(request.POST or None)
    version = as_number(request.POST.get("version", ""))
    if request.method == "POST" and version is None:
        messages.error(request, "没有收到要确认的版本号：请核对下面的版本后再确认")
    elif request.method == "POST" and form.is_valid():
        try:
            publication = budget_publish(budget=budget, by=request.user, note=form.cleaned_data["comment"],
                                         version=version)
        except TransitionRefused as refused:
            for message in refused.messages:
                messages.error(request, message)
        else:
            messages.success(request, published_message(publication))
            return redirect("workflow:budget", department, year)
    elif request.method == "POST":
        messages.error(request, "；".join(form.errors["comment"]))
    return render(request, "workflow/publish.html", {
        "budget": budget, "version": next_version(budget), "comment": request.POST.get("comment", ""),
    })


def published_message(publication):
    if publication.render_state == publication.RenderState.DONE:
        return f"已公开第 {publication.version} 版"
    return f"第 {publication.version} 版已排队生成文件，生成后在公开网站显示"


@login_required
@require_POST
def act(request, department, year, action):
    budget = get_budget_for_user(request.user, department, year)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404("没有这个操作")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["comment"]))
        return redirect("workflow:budget", department, year)
    comment = form.cleaned_data["comment"]
    try:
        if transition.target == Status.PUBLISHED:
            version = as_number(request.POST.get("version", ""))
            if version is None and may(request.user, budget, transition):  # confirmed on its own page
                return redirect("workflow:publish", department, year)
            publication = budget_publish(budget=budget, by=request.user, note=comment, version=version)
            messages.success(request, published_message(publication))
        else:
            set_status(budget=budget, status=transition.target, by=request.user, comment=comment)
            messages.success(request, f"已{transition.label}")
    except TransitionRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
    if not visible_budgets(request.user).filter(pk=budget.pk).exists():
        # A reviewer who opens a correction no longer sees the draft: show the public page.
        return redirect(reverse("public:budget", args=[department, year]))
    return redirect("workflow:budget", department, year)
