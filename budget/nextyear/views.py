"""编制下一年度预算 on a budget's page: the department's accountant starts year + 1 from it."""
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from budget.budgets.access import enters_for, get_budget_for_user

from .forms import NextYearForm
from .services import NextYearError, codes_to_map, newest_edition, next_budget, start_next_year


@login_required
def start(request, department, year):
    budget = get_budget_for_user(request.user, department, year)
    if not enters_for(request.user, budget.department_id):
        raise PermissionDenied("只有本部门的会计可以编制下一年度预算")
    edition = newest_edition(budget.year + 1)
    existing = next_budget(budget)
    form = NextYearForm(budget=budget, edition=edition)
    if request.method == "POST" and not existing:
        form = bound_form(request, budget, edition)
        if form.is_valid() and (not form.missing or "mapping" in request.POST):
            outcome = started(form, budget)
            if outcome:
                messages.success(request, f"已编制{outcome.budget}。{outcome.summary()}")
                for note in outcome.left_out:
                    messages.warning(request, note)
                return redirect(reverse("admin:budgets_budget_change", args=[outcome.budget.pk]))
    return render(request, "nextyear/start.html", {
        **admin.site.each_context(request), "title": f"编制 {budget.year + 1} 年度预算",
        "budget": budget, "edition": edition, "existing": existing, "form": form,
    })


def bound_form(request, budget, edition):
    """The posted form, with a choice for each code the new edition lacks among the lines to copy."""
    form = NextYearForm(request.POST, budget=budget, edition=edition)
    if not form.is_valid():
        return form
    missing = codes_to_map(budget=budget, continuing=form.cleaned_data["continuing"],
                           with_lines=form.cleaned_data["with_lines"])
    return NextYearForm(request.POST, budget=budget, edition=edition, missing=missing,
                        mapping_shown="mapping" in request.POST)


def started(form, budget):
    """The Outcome of starting the next year as the form says, or None with the form's errors."""
    data = form.cleaned_data
    try:
        return start_next_year(budget=budget, continuing=data["continuing"], with_lines=data["with_lines"],
                               mapping=form.mapping())
    except NextYearError as error:
        for message in error.messages:
            form.add_error(None, message)
    return None
