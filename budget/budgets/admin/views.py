"""Views of a budget beside its admin page: the lines' Excel sheet (down and up) and validation.

The budget comes from the admin's scoped `get_object`, so a budget the user may not read is
404; uploading also needs the right to change it (403 otherwise).
"""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from budget.budgets import access
from budget.budgets.excel import XLSX, SheetError, lines_workbook, replace_lines
from budget.validation.findings import RULES, SEVERITY_LABELS
from budget.validation.rules import validate

from .amounts import unit_of

MAX_UPLOAD = 20 * 1024 * 1024


def lines_download(request, budget):
    filename = f"lines-{budget.department.code}-{budget.year}.xlsx"
    return HttpResponse(
        lines_workbook(budget=budget, unit=unit_of(request.user)), content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


class UploadForm(forms.Form):
    file = forms.FileField(label="明细 XLSX 文件", help_text="先下载本预算的明细表，填好后上传；上传的明细将替换现有的全部明细")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件不能超过 {MAX_UPLOAD // 1024 // 1024} MB")
        return upload


def lines_upload(request, model_admin, budget):
    if not access.can_edit(request.user, budget):
        raise PermissionDenied("这份预算当前不能修改")
    form = UploadForm(request.POST or None, request.FILES or None)
    faults = []
    if request.method == "POST" and form.is_valid():
        try:
            count = replace_lines(budget=budget, content=form.cleaned_data["file"].read(), by=request.user)
        except SheetError as error:
            faults = error.faults
        else:
            messages.success(request, f"已从 Excel 导入 {count} 条明细，原有明细已替换")
            return HttpResponseRedirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
    return TemplateResponse(request, "admin/budgets/budget/lines_upload.html", {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "original": budget, "title": "上传明细 Excel",
        "form": form, "faults": faults,
    })


def validation(request, model_admin, budget):
    return TemplateResponse(request, "admin/budgets/budget/validation.html", {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "original": budget, "title": "预算校验",
        "rules": [{"id": r.id, "severity_label": SEVERITY_LABELS[r.severity], "title": r.title, "reason": r.reason}
                  for r in RULES],
        **panel_context(budget),
    })


def location_url(budget, location):
    """The admin page of the row a finding points to, or the budget page's part."""
    if location.pk is not None and location.part in ("lines", "projects"):
        return reverse(f"admin:budgets_{location.part[:-1]}_change", args=[location.pk])
    return reverse("admin:budgets_budget_change", args=[budget.pk]) + f"#{location.part}-group"


def panel_context(budget):
    findings = validate(budget)
    errors = sum(finding.is_error for finding in findings)
    return {
        "findings": [
            {"finding": f, "severity": SEVERITY_LABELS[f.severity], "url": location_url(budget, f.location)}
            for f in findings
        ],
        "error_count": errors,
        "warning_count": len(findings) - errors,
    }
