"""The workflow page of a budget: its history and the moves the current user may make."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from budget.budgets.access import get_budget_for_user, visible_budgets

from .forms import TransitionForm
from .services import TransitionRefused, budget_publish, set_status, validation_errors
from .transitions import TRANSITIONS, Status, allowed


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
            publication = budget_publish(budget=budget, by=request.user, note=comment)
            if publication.render_state == publication.RenderState.DONE:
                messages.success(request, f"已公开第 {publication.version} 版")
            else:
                messages.success(request, f"第 {publication.version} 版已排队生成文件，生成后在公开网站显示")
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
