"""/manage/bureau/<year>/: a finance bureau's departments' budgets of one year, consolidated,
and the same figures as XLSX (/manage/bureau/<year>/xlsx/).

Reviewers see their own bureau; a superuser picks one with ?bureau=<id>; anyone else gets 404.
"""
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from budget.budgets.access import visible_budgets
from budget.figures.money import to_wan
from budget.orgs.models import FinanceBureau
from budget.orgs.roles import profile_of
from budget.security.params import as_number

from .queries import THREE_PUBLIC, bureau_budgets, three_public_ranking, totals
from .xlsx import download, workbook


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


def bureau_years(bureau, year):
    """The years the bureau's departments have budgets for, and `year`, newest first."""
    years = set(bureau.departments.values_list("budgets__year", flat=True)) - {None}
    return sorted(years | {year}, reverse=True)


def figures(user, bureau, year):
    """What the page and the workbook show: totals by 类 and source, the 三公 ranking with its totals."""
    budgets = bureau_budgets(visible_budgets(user), bureau=bureau, year=year)
    classes, groups = totals(budgets)
    ranking = three_public_ranking(budgets)
    return {
        "bureau": bureau,
        "year": year,
        "classes": classes,
        "groups": groups,
        "total": sum((row.amount for row in classes), Decimal(0)),
        "columns": THREE_PUBLIC,
        "ranking": ranking,
        "three_public_total": sum((budget.total for budget in ranking), Decimal(0)),
        "three_public_totals": [sum((getattr(b, name) for b in ranking), Decimal(0)) for name, _, _ in THREE_PUBLIC],
    }


@login_required
def bureau(request, year):
    chosen = bureau_for(request)
    if chosen is None:
        return render(request, "consolidated/choose.html", {"year": year, "bureaus": FinanceBureau.objects.all()})
    context = figures(request.user, chosen, year)
    context.update(superuser=request.user.is_superuser, years=bureau_years(chosen, year))
    return render(request, "consolidated/bureau.html", context)


@login_required
def export(request, year):
    chosen = bureau_for(request)
    if chosen is None:
        raise Http404("请先选择财政部门")
    shown = figures(request.user, chosen, year)
    columns = [label for _, label, _ in THREE_PUBLIC]
    sheets = [
        ("按功能分类", ["功能分类（类）", "金额（万元）"], [[row.label, to_wan(row.amount)] for row in shown["classes"]],
         ["合计", to_wan(shown["total"])]),
        ("按资金来源", ["资金来源", "金额（万元）"], [[row.label, to_wan(row.amount)] for row in shown["groups"]],
         ["合计", to_wan(shown["total"])]),
        ("三公经费", ["排名", "部门编码", "部门", "状态", "合计（万元）", *columns], [
            [n, b.department.code, b.department.name, b.get_status_display(), to_wan(b.total),
             *(to_wan(getattr(b, name)) for name, _, _ in THREE_PUBLIC)]
            for n, b in enumerate(shown["ranking"], start=1)
        ], ["合计", "", "", "", to_wan(shown["three_public_total"]), *map(to_wan, shown["three_public_totals"])]),
    ]
    return download(workbook(sheets), f"consolidated-{year}.xlsx")
