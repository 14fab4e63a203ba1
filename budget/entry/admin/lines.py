"""Budget lines in the admin: inline on the budget's page, and a list for finding and fixing one.

A line's choices come from its budget: units and projects of the same budget, 功能科目 项 and
经济科目 款 of the budget's edition (searched by autocomplete). New lines are added on the
budget's page or by uploading the Excel sheet.
"""
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404

from budget.budgets import access
from budget.budgets.models import Line
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.security.params import as_number

from .amounts import AmountsAdmin, AmountsForm, amount_display, unit_of
from .scoping import UNNAMED, MovesRevision, PartInline, ScopedAdmin, SeesRevision

FIELDS = ["unit", "function", "economic", "source", "kind", "project", "amount"]
KEY = Line.KEY
DUPLICATE = f"{Line.KEY_LABEL}的明细只能有一条"
# Larger budgets are edited through the line list and the Excel sheet, not one huge form.
INLINE_LIMIT = 100


class EditionAutocomplete(AutocompleteSelect):
    """Autocomplete that asks for codes of one edition (see budget.entry.admin.codes)."""

    edition = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?edition={self.edition}" if self.edition else url


class LineForm(AmountsForm):
    budget = None  # set by `for_budget`

    class Meta:
        model = Line
        fields = FIELDS

    @classmethod
    def for_budget(cls, budget):
        # One class per formset: its forms share the option lists of the budget's units and projects.
        return type(cls.__name__, (cls,), {"budget": budget, "options": {}})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        budget = self.budget
        choices = {
            "unit": budget.units.all(),
            "project": budget.projects.all(),
            "function": FunctionalSubject.objects.filter(edition_id=budget.edition_id, level=3),
            "economic": EconomicSubject.objects.filter(edition_id=budget.edition_id, level=2),
        }
        # Read only, the admin leaves the fields out of the form.
        for name, queryset in choices.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.queryset = queryset
            if isinstance(field.widget, EditionAutocomplete):
                field.widget.edition = budget.edition_id
            else:
                if name not in self.options:
                    self.options[name] = list(field.choices)
                field.choices = self.options[name]

    def clean(self):
        data = super().clean()
        kind, project = data.get("kind"), data.get("project")
        if kind == Line.Kind.PROJECT and project is None and "project" not in self.errors:
            self.add_error("project", "项目支出必须选择项目")
        if kind == Line.Kind.BASIC and project is not None:
            self.add_error("project", "基本支出不能选择项目")
        return data


def line_key(data):
    return tuple(data.get(name) for name in KEY)


class LineFormSet(BaseInlineFormSet):
    """All the budget's lines are in the formset, so repeats are found among its forms."""

    def clean(self):
        super().clean()
        seen, repeats = {}, []
        for number, form in enumerate(self.forms, start=1):
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self._should_delete_form(form) or not form.is_valid():
                continue
            key = line_key(form.cleaned_data)
            if key in seen:
                repeats.append(f"第 {number} 行与第 {seen[key]} 行重复")
            else:
                seen[key] = number
        if repeats:
            raise ValidationError([f"{repeat}：{DUPLICATE}" for repeat in repeats])


class LineWidgets:
    """Autocomplete for the codes, with the edition in the URL; no add/change links beside the
    choices of a line (they cost a rendering each, and a line's unit and project are the budget's)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("function", "economic"):
            kwargs["widget"] = EditionAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        return field


class LineInline(LineWidgets, PartInline, AmountsAdmin, admin.TabularInline):
    part = "lines"
    classes = UNNAMED
    model = Line
    fields = FIELDS
    amount_fields = ["amount"]
    formset = LineFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = LineForm.for_budget(obj)
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "project").order_by("id")


class BudgetFilter(admin.SimpleListFilter):
    """Lines or projects of one budget; a budget the user may not read answers 404."""

    title = "部门预算"
    parameter_name = "budget"

    def lookups(self, request, model_admin):
        return [(b.pk, str(b)) for b in access.visible_budgets(request.user)]

    def queryset(self, request, queryset):
        return queryset.filter(budget_id=self.value()) if self.value() else queryset


class FilteredByBudget:
    """ModelAdmin mixin: its list filtered by a budget the user may not read is 404."""

    def changelist_view(self, request, extra_context=None):
        chosen = request.GET.get(BudgetFilter.parameter_name)
        if chosen is not None and not (
            as_number(chosen) is not None and access.visible_budgets(request.user).filter(pk=as_number(chosen)).exists()
        ):
            raise Http404("没有这份预算")
        return super().changelist_view(request, extra_context)


class SingleLineForm(SeesRevision, LineForm):
    """A line edited on its own: repeats are looked for among the budget's other lines."""

    def clean(self):
        data = super().clean()
        key = dict(zip(KEY, line_key(data)))
        if None not in list(key.values())[:5] and not self.errors:
            others = Line.objects.filter(budget=self.budget, **key).exclude(pk=self.instance.pk)
            if others.exists():
                raise ValidationError(DUPLICATE)
        return data


@admin.register(Line)
class LineAdmin(FilteredByBudget, LineWidgets, MovesRevision, ScopedAdmin, AmountsAdmin, admin.ModelAdmin):
    fields = FIELDS + ["seen_revision"]
    amount_fields = ["amount"]
    list_filter = [BudgetFilter, "kind", "source"]
    list_select_related = ["budget__department", "unit", "function", "economic", "project"]
    search_fields = ["function__code", "function__name", "economic__code", "economic__name", "project__code"]

    def get_list_display(self, request):
        amount = amount_display("amount", "金额", unit_of(request.user))
        return ["__str__", "budget", "unit", "function", "economic", "source", "kind", "project", amount]

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = SingleLineForm.for_budget(obj.budget)
        return super().get_form(request, obj, change, **kwargs)
