"""/manage/bureau/<year>/progress/: the bureau's progress board of a year (see progress.py), its
XLSX export, and the form that sets the year's deadlines.

Reviewers see their own bureau; a superuser picks one with ?bureau=<id>; anyone else gets 404.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from budget.figures.money import to_wan

from .consolidated import bureau_for, bureau_years
from .forms import DeadlineForm
from budget.orgs.models import Deadline
from .progress import FILTERS, board, filtered
from .xlsx import download, workbook

MIN_YEAR, MAX_YEAR = 2000, 2100  # a year the deadlines can be stored for
HEADER = ["部门编码", "部门", "状态", "报送日期", "退回日期", "等待天数", "错误", "警告", "合计（万元）", "逾期"]


def chosen_bureau(request, year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("没有这个年度")
    bureau = bureau_for(request)
    if bureau is None:
        raise Http404("请先选择财政部门（?bureau=<编号>）")
    return bureau


def chosen_filter(request):
    """The status filter of ?status=, "" for all; an unknown one is named and ignored."""
    chosen = request.GET.get("status", "")
    if chosen and chosen not in dict(FILTERS):
        messages.error(request, f"没有这个状态：{chosen[:40]}；显示全部部门")
        return ""
    return chosen


@login_required
def progress(request, year):
    bureau = chosen_bureau(request, year)
    chosen = chosen_filter(request)
    entries, deadline = board(request.user, bureau, year)
    today = timezone.localdate()
    return render(request, "consolidated/progress.html", {
        "bureau": bureau,
        "year": year,
        "years": sorted(set(bureau_years(bureau, year)) | {today.year, today.year + 1}, reverse=True),
        "entries": filtered(entries, chosen),
        "count": len(entries),
        "filters": FILTERS,
        "chosen": chosen,
        "deadline": deadline,
        "form": DeadlineForm(instance=deadline),
        "superuser": request.user.is_superuser,
    })


@login_required
def progress_export(request, year):
    bureau = chosen_bureau(request, year)
    entries, _ = board(request.user, bureau, year)
    rows = [[
        e.department.code, e.department.name, e.status_label, e.submitted_on, e.returned_on, e.days_waiting,
        e.errors, e.warnings, None if e.total is None else to_wan(e.total), "、".join(e.late),
    ] for e in filtered(entries, chosen_filter(request))]
    return download(workbook([(f"{year} 年报送进度", HEADER, rows, None)]), f"progress-{year}.xlsx")


@login_required
@require_POST
def deadlines(request, year):
    bureau = chosen_bureau(request, year)
    instance = Deadline.objects.filter(bureau=bureau, year=year).first() or Deadline(bureau=bureau, year=year)
    form = DeadlineForm(request.POST, instance=instance)
    if form.is_valid():
        form.save()
        messages.success(request, f"已保存 {year} 年的截止日期")
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    url = reverse("consolidated:progress", args=[year])
    return redirect(f"{url}?bureau={bureau.pk}" if request.user.is_superuser else url)
