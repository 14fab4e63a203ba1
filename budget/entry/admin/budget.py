"""The budget's admin page: everything the document needs, on one page in the document's order.

Besides the inline parts, the page shows the lines' totals by source and kind (summed by
the database), the validation panel, and links to the document, the tables, the Excel
sheet of the lines and the validation view.
"""
import datetime

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from budget.budgets import access
from budget.budgets import models as m
from budget.document.printed import metric_choices, printed_keys, usage_choices
from budget.codes.models import FunctionalSubject
from budget.figures.catalogue import is_metric, is_usage_key, key_label
from budget.figures.metrics import prior_comparisons

from . import home, views
from .amounts import AmountsAdmin, AmountsForm, shown, unit_of
from .lines import INLINE_LIMIT, LineInline
from .indicators import IndicatorInline, lists_context
from .scoping import UNNAMED, PartInline, ScopedAdmin, SeesRevision, append_positions, move_revision
from .sections import SectionedAdmin
from .totals import line_totals


class UnitInline(PartInline, admin.TabularInline):
    part = "units"
    model = m.BudgetUnit
    fields = ["position", "code", "name", "kind"]
    extra = 0


class OverviewInline(PartInline, admin.StackedInline):
    part = "overview"
    classes = UNNAMED
    model = m.Overview
    can_delete = False
    fields = ["structure", ("authorized", "actual"), ("serving", "serving_change"),
              ("retired", "retired_change"), ("retired_cadres", "retired_cadres_change")]


class FunctionInline(PartInline, admin.TabularInline):
    part = "functions"
    classes = UNNAMED
    model = m.InstitutionFunction
    fields = ["position", "institution", "duties"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}


class ProjectInline(PartInline, admin.TabularInline):
    """The budget's projects, listed; each is entered on its own page (新增项目)."""

    part = "projects"
    model = m.Project
    fields = ["code", "name", "unit_name", "start", "end"]
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProcurementInline(PartInline, AmountsAdmin, admin.StackedInline):
    part = "procurement"
    classes = UNNAMED
    model = m.Procurement
    can_delete = False
    amount_fields = fields = ["goods", "works", "services", "sme_reserved", "small_micro_reserved"]


class AssetsInline(PartInline, AmountsAdmin, admin.StackedInline):
    part = "assets"
    classes = UNNAMED
    model = m.Assets
    can_delete = False
    amount_fields = ["buildings_value", "furniture_value", "other_value"]
    fields = ["as_of", "buildings_area_m2", "buildings_value", "furniture_value", "other_value",
              "equipment_over_500k", "equipment_over_1m", "planned_vehicles",
              "planned_equipment_over_500k", "planned_equipment_over_1m"]


class VehicleInline(PartInline, AmountsAdmin, admin.TabularInline):
    part = "vehicles"
    classes = UNNAMED
    model = m.Vehicle
    fields = ["position", "kind", "count", "value", "planned"]
    amount_fields = ["value"]
    extra = 0


class TargetInline(PartInline, admin.StackedInline):
    part = "target"
    classes = UNNAMED
    model = m.DepartmentTarget
    can_delete = False
    fields = ["contact", "phone", "goal"]


class TargetIndicatorInline(IndicatorInline):
    """部门整体绩效目标的指标: the budget's indicators without a project."""

    part = "indicators"
    fields = [("position", "level1", "level2", "name"), ("comparator", "value", "unit", "weight", "basis")]
    verbose_name = verbose_name_plural = "部门整体绩效指标"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(project=None)


class PrintedKeys:
    """Form mixin: keys are chosen among those the budget's document prints (see
    budget.document.printed), never typed; a stored key nothing prints stays listed, marked,
    and may stay, but no row takes it anew (validation warns of it)."""

    printed = None  # the budget's Printed, set by `for_budget`

    @classmethod
    def for_budget(cls, budget):
        # One class per formset: its forms share one writing of the document.
        return type(cls.__name__, (cls,), {"printed": printed_keys(budget) if budget else None})

    def offer(self, name, choices, label):
        stored = getattr(self.instance, name, "") if self.instance.pk else ""
        offered = {key for key, _ in flatten(choices)}
        if stored and stored not in offered:
            choices = [*choices, (stored, f"{stored}（文档中不会印出）")]
        self.fields[name] = forms.ChoiceField(label=label, choices=[("", "请选择…"), *choices],
                                              widget=forms.Select(attrs={"class": "key-chooser"}))

    def taken_anew(self, *names):
        return any(name in self.changed_data for name in names)


def flatten(choices):
    for key, label in choices:
        yield from (label if isinstance(label, list) else [(key, label)])


class PriorFigureForm(PrintedKeys, AmountsForm):
    """An AmountsForm, so that a figure stored with fen is accepted back unchanged in 万元."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.printed and "metric" in self.fields:
            self.offer("metric", metric_choices(self.metrics(), self.printed), "指标")

    def metrics(self):
        """What a prior figure may be given for: the budget's own metrics and those the
        document compares (the review desk compares them too)."""
        return {key for key in {*self.printed.now, *self.printed.prior} if is_metric(key)}

    def clean_metric(self):
        metric = self.cleaned_data["metric"]
        if self.taken_anew("metric") and (not is_metric(metric) or self.printed and metric not in self.metrics()):
            raise forms.ValidationError("本预算没有这一项指标；请从列表中选择")
        return metric


class PriorFigureInline(PartInline, AmountsAdmin, admin.TabularInline):
    part = "prior_figures"
    classes = UNNAMED
    model = m.PriorFigure
    form = PriorFigureForm
    fields = ["metric", "amount"]
    amount_fields = ["amount"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = PriorFigureForm.for_budget(obj)
        return super().get_formset(request, obj, **kwargs)


class ExplanationForm(PrintedKeys, forms.ModelForm):
    REASON, USAGE = m.Explanation.Kind.REASON, m.Explanation.Kind.USAGE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.printed and "key" in self.fields:
            p = self.printed
            self.offer("key", [
                (self.REASON.label, metric_choices({key for key in p.reasons if is_metric(key)}, p)),
                (self.USAGE.label, usage_choices({key for key in p.usage_places if is_usage_key(key)}, p.names)),
            ], "指标或科目")

    def clean(self):
        data = super().clean()
        kind, key = data.get("kind"), data.get("key")
        if not key or not self.taken_anew("kind", "key"):
            return data
        if kind == self.REASON and not (is_metric(key) and (not self.printed or key in self.printed.reasons)):
            self.add_error("key", "文档中没有这一项的上年比较，变动原因不会印出；请从“变动主要原因”中选择")
        if kind == self.USAGE and not (is_usage_key(key) and (not self.printed or key in self.printed.usage_places)):
            self.add_error("key", "文档不列出这个科目的金额，主要用途不会印出；请从“主要用途”中选择")
        return data


class ExplanationInline(PartInline, admin.TabularInline):
    part = "explanations"
    classes = UNNAMED
    model = m.Explanation
    form = ExplanationForm
    fields = ["kind", "key", "text"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}}

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = ExplanationForm.for_budget(obj)
        return super().get_formset(request, obj, **kwargs)


# The parts whose rows are named by a key (see construct_change_message).
KEYED = {str(m.PriorFigure._meta.verbose_name), str(m.Explanation._meta.verbose_name)}


class BudgetForm(SeesRevision, forms.ModelForm):
    """The budget's own fields, and the revision the page showed (see budget.budgets.revisions)."""

    class Meta:
        model = m.Budget
        fields = ["department", "year", "edition", "other_matters"]


def start_budget(budget):
    """The parts every budget has, so that a new budget renders; the 本级 unit is the department."""
    department = budget.department
    m.BudgetUnit.objects.create(budget=budget, code=department.code, name=department.name,
                                kind=m.BudgetUnit.Kind.ADMINISTRATIVE)
    m.Overview.objects.create(budget=budget)
    m.Procurement.objects.create(budget=budget)
    m.Assets.objects.create(budget=budget, as_of=datetime.date(budget.year - 1, 12, 31))
    m.DepartmentTarget.objects.create(budget=budget)


def comparisons(budget, unit):
    """Each 上年预算数 beside this year's figure and its change, in `unit` (情况说明与上年数)."""
    rows, source = prior_comparisons(budget)
    shown_rows = [{"label": row.label, "now": shown(row.now, unit), "prior": shown(row.prior, unit),
                   "entered": row.entered, "change": row.change_text or ""}
                  for row in rows if row.now or row.prior]
    return {"comparisons": shown_rows, "prior_source": source, "comparison_unit": unit.label}


@admin.register(m.Budget)
class BudgetAdmin(SectionedAdmin, ScopedAdmin, admin.ModelAdmin):
    form = BudgetForm
    budget_path = "pk"
    list_display = ["home_link", "department", "year", "status", "updated_at"]
    list_display_links = None
    list_filter = ["status", "year"]
    search_fields = ["department__code", "department__name"]
    change_form_template = "admin/budgets/budget/change_form.html"
    inline_order = [UnitInline, OverviewInline, FunctionInline, LineInline, ProjectInline, ProcurementInline,
                    AssetsInline, VehicleInline, TargetInline, TargetIndicatorInline, PriorFigureInline,
                    ExplanationInline]

    def has_delete_permission(self, request, obj=None):
        """Only a draft goes: a budget that has been submitted keeps its history."""
        if obj is None:
            return access.enters_data(request.user)
        return obj.status == m.Budget.Status.DRAFT and access.can_edit(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["department", "year", "edition"]})]
        return self.section_fieldsets(request, [
            (None, {"fields": ["department", "year", "edition", "status", "revision", "updated_at", "seen_revision"]}),
            ("第三部分 其他需说明的事项", {"fields": ["other_matters"]}),
        ])

    def get_readonly_fields(self, request, obj=None):
        return ["department", "year", "edition", "status", "revision", "updated_at"] if obj else []

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        inlines = self.section_inlines(request, self.inline_order)
        if LineInline in inlines and obj.lines.count() > INLINE_LIMIT:
            return [inline for inline in inlines if inline is not LineInline]
        return inlines

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not request.user.is_superuser:
            profile = access.profile_of(request.user)
            kwargs["queryset"] = m.Department.objects.filter(pk=getattr(profile, "department_id", None))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            move_revision(request, obj.pk, form)
            obj.refresh_from_db(fields=["revision", "revised_by", "revised_at"])
        super().save_model(request, obj, form, change)
        if not change:
            start_budget(obj)

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        if rows and hasattr(rows[0], "position"):
            append_positions(rows, formset.get_queryset())
        for row in rows:
            row.save()
        for deleted in formset.deleted_objects:
            deleted.delete()

    def construct_change_message(self, request, form, formsets, add=False):
        """The admin's history names rows by str(); keys of 上年数 and 说明 by their Chinese names."""
        message = super().construct_change_message(request, form, formsets, add)
        keyed = [action for entry in message for action in entry.values()
                 if isinstance(action, dict) and action.get("name") in KEYED and "object" in action]
        splits = [action["object"].rpartition("：") for action in keyed]
        codes = {key.rsplit(".", 1)[-1] for _, _, key in splits}
        subjects = FunctionalSubject.objects.filter(edition_id=form.instance.edition_id, code__in=codes)
        names = dict(subjects.values_list("code", "name")) if keyed else {}
        for action, (kind, colon, key) in zip(keyed, splits):
            action["object"] = f"{kind}{colon}{key_label(key, names)}"
        return message

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, f"已新建 {obj}，请继续填写各部分")
        return HttpResponseRedirect(home.home_url(obj))

    @admin.display(description="部门预算", ordering="-year")
    def home_link(self, obj):
        return format_html('<a href="{}">{}</a>', home.home_url(obj), obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.section_of(request):
            context.update(self.section_context(request, obj))
        elif obj is not None:
            context.update(self.page_context(request, obj))
        context.update(lists_context())
        return super().render_change_form(request, context, add, change, form_url, obj)

    def section_context(self, request, budget):
        """A section's page: the tabs, and the findings that point into this section."""
        section = self.section_of(request)
        panel = views.panel_context(budget)
        mine = [item for item in panel["findings"] if item.section == section]
        return {"section_nav": home.section_links(budget), "title": section.title, "subtitle": str(budget),
                "section_findings": mine, "line_count": budget.lines.count(), "line_limit": INLINE_LIMIT,
                "links": {"lines": reverse("admin:budgets_line_changelist") + f"?budget={budget.pk}",
                          "grid": reverse("grid:page", args=[budget.pk]),
                          "project_add": reverse("admin:budgets_project_add") + f"?budget={budget.pk}",
                          "upload": reverse("admin:budgets_budget_lines_upload", args=[budget.pk])},
                "can_edit": access.can_edit(request.user, budget),
                **(comparisons(budget, unit_of(request.user)) if section.slug == "narrative" else {})}

    def page_context(self, request, budget):
        code, year = budget.department.code, budget.year
        document_url = reverse("document:manage", args=[code, year])
        line_count = budget.lines.count()
        return {
            "totals": line_totals(budget, unit_of(request.user)),
            "line_count": line_count,
            "lines_inline": line_count <= INLINE_LIMIT,
            "can_edit": access.can_edit(request.user, budget),
            "links": {
                "document": document_url,
                "pdf": f"{document_url}document.pdf",
                "tables": reverse("tables:preview", args=[code, year]),
                "lines": reverse("admin:budgets_line_changelist") + f"?budget={budget.pk}",
                "grid": reverse("grid:page", args=[budget.pk]),
                "project_add": reverse("admin:budgets_project_add") + f"?budget={budget.pk}",
                "xlsx": reverse("admin:budgets_budget_lines_xlsx", args=[budget.pk]),
                "upload": reverse("admin:budgets_budget_lines_upload", args=[budget.pk]),
                "validation": reverse("admin:budgets_budget_validation", args=[budget.pk]),
                "history": reverse("audit:history", args=[code, year]),
            },
            **views.panel_context(budget),
        }

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/lines.xlsx", wrap(self.lines_xlsx_view), name="budgets_budget_lines_xlsx"),
            path("<path:object_id>/lines/upload/", wrap(self.lines_upload_view), name="budgets_budget_lines_upload"),
            path("<path:object_id>/validation/", wrap(self.validation_view), name="budgets_budget_validation"),
            path("<path:object_id>/home/", wrap(self.home_view), name="budgets_budget_home"),
            path("<path:object_id>/home/<slug:action>/", wrap(self.act_view), name="budgets_budget_act"),
            path("<path:object_id>/section/<slug:section>/", wrap(self.section_view), name="budgets_budget_section"),
        ] + super().get_urls()

    def lines_xlsx_view(self, request, object_id):
        return views.lines_download(request, self.get_object(request, object_id))

    def lines_upload_view(self, request, object_id):
        return views.lines_upload(request, self, self.get_object(request, object_id))

    def home_view(self, request, object_id):
        return home.home(request, self, self.get_object(request, object_id))

    def act_view(self, request, object_id, action):
        return home.act(request, self.get_object(request, object_id), action)

    def validation_view(self, request, object_id):
        return views.validation(request, self, self.get_object(request, object_id))
