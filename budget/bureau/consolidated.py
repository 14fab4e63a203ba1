"""/manage/bureau/<year>/: a finance bureau's departments' budgets of one year, consolidated.

Reviewers see their own bureau; a superuser picks one with ?bureau=<id>; anyone else gets 404.
"""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from budget.budgets.access import visible_budgets
from budget.orgs.models import FinanceBureau
from budget.orgs.roles import profile_of
from budget.security.params import as_number

from .queries import THREE_PUBLIC, bureau_budgets, three_public_ranking, totals


def bureau_for(request):
    """The bureau `request.user` consolidates, or None when a superuser has yet to choose."""
    if request.user.is_superuser:
        chosen = request.GET.get("bureau", "")
        if not chosen:
            return None
        if as_number(chosen) is None:
            raise Http404("没有这个财政部门")
        return get_object_or_404(FinanceBureau, pk=as_number(chosen))
    profile = profile_of(request.user)
    if profile is None or not profile.reviews:
        raise Http404("只有财政部门的审核人员可以查看汇总")
    return profile.bureau


@login_required
def bureau(request, year):
    chosen = bureau_for(request)
    if chosen is None:
        return render(request, "consolidated/choose.html", {"year": year, "bureaus": FinanceBureau.objects.all()})
    budgets = bureau_budgets(visible_budgets(request.user), bureau=chosen, year=year)
    classes, groups = totals(budgets)
    ranking = three_public_ranking(budgets)
    return render(request, "consolidated/bureau.html", {
        "bureau": chosen,
        "year": year,
        "classes": classes,
        "groups": groups,
        "total": sum((row.amount for row in classes), 0),
        "columns": THREE_PUBLIC,
        "ranking": ranking,
        "three_public_total": sum((budget.total for budget in ranking), 0),
        "superuser": request.user.is_superuser,
    })
