"""The sections of a budget: each is a short page of its own that saves only its parts.

A section lists the budget's parts (related names) it edits; the budget's change form shows
only those inlines when it is opened as that section (see BudgetAdmin.section_view).
"""
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    parts: tuple  # related names of the budget's parts on the page
    hint: str = ""


SECTIONS = [
    Section("overview", "概况", ("units", "overview", "functions"), "预算单位、主要职能、机构设置和人员"),
    Section("lines", "明细", ("lines",), "每一笔支出：单位 × 功能科目 × 经济科目 × 资金来源 × 基本/项目支出"),
    Section("projects", "项目与绩效", ("projects", "target", "indicators"), "项目及其资金分配、绩效指标，部门整体绩效目标"),
    Section("narrative", "情况说明与上年数", ("prior_figures", "explanations", "other_matters"),
            "上年预算数、变动原因、主要用途和其他需说明的事项"),
    Section("assets", "采购·资产·车辆", ("procurement", "assets", "vehicles"), "政府采购、国有资产和车辆"),
]
BY_SLUG = {section.slug: section for section in SECTIONS}
SECTION_OF_PART = {part: section for section in SECTIONS for part in section.parts}


def section_url(budget, slug):
    return reverse("admin:budgets_budget_section", args=[budget.pk, slug])


class SectionedAdmin:
    """BudgetAdmin mixin: the change form opened as one section shows and saves only its parts.

    `section_view` marks the request with the section and hands it to the admin's own change
    view, so the admin's permissions, validation, history and look stay, and the budget's
    revision is checked and moved as on the whole page (the optimistic lock). Inline classes
    name their part in `part`.
    """

    section_fields = {"narrative": ["other_matters"]}  # the budget's own fields a section edits

    def section_view(self, request, object_id, section):
        if section not in BY_SLUG:
            raise Http404("没有这一部分")
        request.budget_section = BY_SLUG[section]
        return self.changeform_view(request, object_id, extra_context={"section": BY_SLUG[section]})

    @staticmethod
    def section_of(request):
        return getattr(request, "budget_section", None)

    def section_inlines(self, request, inlines):
        section = self.section_of(request)
        return inlines if section is None else [inline for inline in inlines if inline.part in section.parts]

    def section_fieldsets(self, request, fieldsets):
        section = self.section_of(request)
        if section is None:
            return fieldsets
        own = self.section_fields.get(section.slug, [])
        return [(None, {"fields": ["seen_revision"]})] + ([(section.title, {"fields": own})] if own else [])

    def has_delete_permission(self, request, obj=None):
        # A section page saves its parts; deleting the budget is the budget list's.
        return self.section_of(request) is None and super().has_delete_permission(request, obj)

    def response_change(self, request, obj):
        section = self.section_of(request)
        if section is None:
            return super().response_change(request, obj)
        messages.success(request, f"已保存“{section.title}”")
        if "_continue" in request.POST:
            return HttpResponseRedirect(section_url(obj, section.slug))
        return HttpResponseRedirect(reverse("admin:budgets_budget_home", args=[obj.pk]))
