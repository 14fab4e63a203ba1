"""Projects in the admin, with their 资金分配 and 绩效指标 inline.

A project's amounts are its lines' (entered on the budget's page); its page shows their
total beside the allocation, which must match it when it is given.
"""
import datetime
from functools import cache

from django import forms
from django.contrib import admin
from django.db.models import Sum

from budget.budgets import access
from budget.budgets.models import AllocationItem, BudgetUnit, Indicator, Project
from budget.security.params import as_number

from .amounts import AmountsAdmin, AmountsForm, shown, unit_of
from .lines import BudgetFilter, FilteredByBudget
from .indicators import IndicatorInline, lists_context
from .scoping import UNNAMED, MovesRevision, PartInline, ScopedAdmin, SeesRevision, append_positions, position_field


class AllocationInline(PartInline, AmountsAdmin, admin.TabularInline):
    classes = UNNAMED
    model = AllocationItem
    fields = ["position", "item", "amount"]
    amount_fields = ["amount"]
    extra = 0


class ProjectIndicatorInline(IndicatorInline):
    fk_name = "project"


@cache
def totals_display(unit):
    """The project's line total beside its allocation total, in `unit`."""

    def totals(project):
        lines = project.line_set.aggregate(total=Sum("amount"))["total"] or 0
        allocated = project.allocation.aggregate(total=Sum("amount"))["total"]
        text = f"明细合计 {shown(lines, unit)} {unit.label}"
        return text + (f"；资金分配合计 {shown(allocated, unit)} {unit.label}" if allocated is not None else "；未填资金分配")

    totals.short_description = "项目明细合计"
    return totals


class ProjectForm(SeesRevision, AmountsForm):
    class Meta:
        model = Project
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The 实施单位 is one of the units of the project's own budget.
        units = self.fields.get("implementing_unit")
        if units is not None:
            budget_id = str(self.instance.budget_id or self.initial.get("budget") or self.data.get("budget") or "")
            units.queryset = BudgetUnit.objects.filter(budget_id=int(budget_id) if budget_id.isdigit() else None)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "结束日期早于开始日期")
        # On a change the budget is read only, so the form's own uniqueness check skips it.
        budget_id = data["budget"].pk if data.get("budget") else self.instance.budget_id
        code = data.get("code")
        if code and budget_id and Project.objects.filter(budget_id=budget_id, code=code).exclude(pk=self.instance.pk).exists():
            self.add_error("code", "本预算已有这个项目编码")
        return data


@admin.register(Project)
class ProjectAdmin(FilteredByBudget, MovesRevision, AmountsAdmin, ScopedAdmin, admin.ModelAdmin):
    form = ProjectForm
    amount_fields = ["total_amount", "total_fiscal"]
    inlines = [AllocationInline, ProjectIndicatorInline]
    list_display = ["code", "name", "budget", "unit_name", "start", "end"]
    list_filter = [BudgetFilter]
    list_select_related = ["budget__department"]
    search_fields = ["code", "name"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["budget", "position", "code", "name", "unit_name", "manager"]}),
            ("项目内容", {"fields": ["policy_basis", "start", "end", "goal", "annual_goal", ("nature", "category"),
                                  "implementing_unit", ("total_amount", "total_fiscal"), "targets_published"]}),
        ]
        if obj:
            fieldsets[0][1]["fields"].append("seen_revision")
            fieldsets.append(("金额（来自预算明细）", {"fields": [totals_display(unit_of(request.user))]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [totals_display(unit_of(request.user)), "budget"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "budget":
            kwargs["queryset"] = access.editable_budgets(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    change_form_template = "admin/budgets/project/change_form.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return position_field(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_changeform_initial_data(self, request):
        """A new project runs through the budget year, unless the accountant says otherwise."""
        initial = super().get_changeform_initial_data(request)
        budget = access.editable_budgets(request.user).filter(pk=as_number(initial.get("budget", ""))).first()
        if budget is not None:
            initial.setdefault("start", datetime.date(budget.year, 1, 1))
            initial.setdefault("end", datetime.date(budget.year, 12, 31))
        return initial

    def render_change_form(self, request, context, *args, **kwargs):
        context.update(lists_context())
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.position is None:
            append_positions([obj], Project.objects.filter(budget_id=obj.budget_id))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A project's indicators belong to its budget too.
        rows = formset.save(commit=False)
        for indicator in rows:
            if isinstance(indicator, Indicator):
                indicator.budget_id = form.instance.budget_id
        append_positions(rows, formset.get_queryset())
        for row in rows:
            row.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
