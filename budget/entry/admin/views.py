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

from budget.budgets import access
from budget.budgets.downloads import attachment
from budget.budgets.models import Line
from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.entry import upload
from budget.entry.excel import XLSX, SheetError, lines_workbook
from budget.validation import shown_findings
from budget.validation.findings import RULES, SEVERITY_LABELS

from .amounts import shown, unit_of
from . import findings as worded

MAX_UPLOAD = 20 * 1024 * 1024


def lines_download(request, budget):
    filename = f"lines-{budget.department.code}-{budget.year}.xlsx"
    return HttpResponse(
        lines_workbook(budget=budget, unit=unit_of(request.user)), content_type=XLSX,
        headers={"Content-Disposition": attachment(filename)},
    )


class UploadForm(forms.Form):
    file = forms.FileField(label="明细 XLSX 文件", help_text="先下载本预算的明细表，填好后上传；上传后先显示将新增、修改和删除的明细，确认后才保存")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件不能超过 {MAX_UPLOAD // 1024 // 1024} MB")
        return upload


def lines_upload(request, model_admin, budget):
    """Upload a sheet: its faults, or a preview of what it changes; confirming writes it."""
    if not access.can_edit(request.user, budget):
        raise PermissionDenied("这份预算当前不能修改")
    confirming = request.method == "POST" and "token" in request.POST
    form = UploadForm(None if confirming else request.POST or None, request.FILES or None)
    faults, preview = [], None
    try:
        if confirming:
            done = upload.confirm(budget=budget, token=request.POST["token"], by=request.user)
            messages.success(request, f"已从 Excel 导入明细：{done.summary()}")
            return HttpResponseRedirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
        if request.method == "POST" and form.is_valid():
            found = upload.preview(budget=budget, content=form.cleaned_data["file"].read())
            preview = {"upload": found, "token": upload.sign(budget, found, request.user),
                       **described(budget, found, unit_of(request.user))}
    except SheetError as error:
        faults = error.faults
    return TemplateResponse(request, "admin/budgets/budget/lines_upload.html", {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "original": budget, "title": "上传明细 Excel",
        "form": form, "faults": faults, "preview": preview,
    })


PREVIEW_ROWS = 500  # listed per kind of change; the counts and totals cover them all


def described(budget, found, unit):
    """The preview's rows as text: codes with names, amounts in the user's unit."""
    units = dict(budget.units.values_list("id", "code"))
    projects = dict(budget.projects.values_list("id", "code"))
    names = subject_names(budget, found)

    def row(line, *amounts):
        return [units.get(line.unit_id, ""), names[FunctionalSubject, line.function_id],
                names[EconomicSubject, line.economic_id], Source(line.source).label, Line.Kind(line.kind).label,
                projects.get(line.project_id, ""), *(shown(a, unit) for a in amounts)]

    return {
        "added": [row(line, line.amount) for line in found.added[:PREVIEW_ROWS]],
        "changed": [row(old, old.amount, new) for old, new in found.changed[:PREVIEW_ROWS]],
        "removed": [row(line, line.amount) for line in found.removed[:PREVIEW_ROWS]],
        # A sheet of 50,000 rows whose names are all wrong would otherwise list 50,000 warnings.
        "warnings": found.warnings[:PREVIEW_ROWS],
        "totals": [(t.kind, t.source, shown(t.before, unit), shown(t.after, unit), shown(t.after - t.before, unit)
                    if t.after >= t.before else "-" + shown(t.before - t.after, unit)) for t in found.totals],
        "listed": PREVIEW_ROWS, "unit": unit.label, "stored": len(found.removed) + len(found.changed) + found.unchanged,
    }


def subject_names(budget, found):
    lines = [*found.added, *(old for old, _ in found.changed), *found.removed]
    names = {}
    for model, attname in ((FunctionalSubject, "function_id"), (EconomicSubject, "economic_id")):
        ids = {getattr(line, attname) for line in lines}
        for pk, code, name in model.objects.filter(pk__in=ids).values_list("id", "code", "name"):
            names[model, pk] = f"{code} {name}"
    return names


def validation(request, model_admin, budget):
    return TemplateResponse(request, "admin/budgets/budget/validation.html", {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta, "original": budget, "title": "预算校验",
        "rules": [{"severity_label": SEVERITY_LABELS[r.severity], "title": r.title, "reason": r.reason}
                  for r in RULES],
        **panel_context(budget),
    })


def panel_context(budget):
    findings = shown_findings(budget)
    errors = sum(finding.is_error for finding in findings)
    return {
        "findings": worded.described(budget, findings, {r.id: r for r in RULES}),
        "error_count": errors,
        "warning_count": len(findings) - errors,
    }
