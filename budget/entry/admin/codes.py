"""Classification codes in the admin: superusers maintain them, everyone with a role reads them.

The code lists also serve the autocomplete of a line's 功能科目 and 经济科目: there the
choices are narrowed to the budget's edition (sent by the widget as `edition`) and to the
level a line takes (项 for 功能分类, 款 for 经济分类).
"""
from django.contrib import admin

from budget.budgets import access
from budget.codes.models import EconomicSubject, Edition, FunctionalSubject

from .scoping import MaintainedBySuperusers


class ReadableByRoles(MaintainedBySuperusers):
    """Superusers change; accountants and reviewers only read."""

    reads = staticmethod(access.has_role)


@admin.register(Edition)
class EditionAdmin(ReadableByRoles, admin.ModelAdmin):
    list_display = ["year"]


class SubjectAdmin(ReadableByRoles, admin.ModelAdmin):
    list_display = ["code", "name", "level", "edition"]
    list_filter = ["edition", "level"]
    search_fields = ["^code", "name"]
    line_level = None  # the level a budget line refers to

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("app_label") == "budgets" and request.GET.get("model_name") == "line":
            queryset = queryset.filter(level=self.line_level)
            edition = request.GET.get("edition", "")
            if edition.isdigit():
                queryset = queryset.filter(edition_id=edition)
        return queryset, may_have_duplicates


@admin.register(FunctionalSubject)
class FunctionalSubjectAdmin(SubjectAdmin):
    line_level = 3


@admin.register(EconomicSubject)
class EconomicSubjectAdmin(SubjectAdmin):
    line_level = 2
