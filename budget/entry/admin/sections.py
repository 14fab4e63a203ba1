"""The sections of a budget: each is a short page of its own that saves only its parts.

A section lists the budget's parts (related names) it edits; the budget's change form shows
only those inlines when it is opened as that section (see BudgetAdmin.section_view).
"""
from dataclasses import dataclass

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
    return reverse("admin:budgets_budget_change", args=[budget.pk])
