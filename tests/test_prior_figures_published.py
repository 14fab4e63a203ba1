"""The 上年预算数 come from the prior year's latest published version, whatever a correction has
done to its data since; else from its approved data; else only the figures entered with the budget.

Expected figures are the reference budget's published ones (tests/data/kizilsu-eco-2024-budget.txt):
收支总预算 2,448.62 万元, 基本支出 2,052.42, 项目支出 396.20, 社会保障缴费 (2080505) 191.25, and its
projects 24.00 (“三线一单”) and 71.00 (环保业务经费).
"""
import re
from decimal import Decimal

import pytest

from budget.budgets.models import Budget, PriorFigure
from budget.document.narrative import explanations
from budget.figures.metrics import PriorFigures, prior_comparisons
from budget.nextyear.services import start_next_year
from budget.workflow.services import budget_publish, set_status

pytestmark = pytest.mark.usefixtures("quick_pdf")
Status = Budget.Status
TOTAL, BASIC, PROJECT = Decimal("24486200.00"), Decimal("20524200.00"), Decimal("3962000.00")
PENSION = Decimal("1912500.00")  # 2080505 机关事业单位基本养老保险缴费支出: 191.25 万元
ADDED = Decimal("1000000.00")  # 100.00 万元 a correction adds to it


def text_of(budget):
    return "\n".join(b.text for s in explanations(budget) for b in s.blocks if b.kind == "p")


def corrected(budget, by):
    """Open a correction of the published budget and add 100 万元 to its 社会保障缴费 line."""
    set_status(budget=budget, status=Status.DRAFT, by=by, comment="更正社会保障缴费")
    line = budget.lines.get(function__code="2080505")
    line.amount += ADDED
    line.save()


def test_it_compares_with_the_published_version_after_a_correction_changed_the_data(published, accountant):
    corrected(published, accountant)
    new = start_next_year(budget=published, continuing=["P2024-01", "P2024-02"], with_lines=True).budget

    prior = PriorFigures(new)
    assert (prior["income.total"], prior["expenditure.basic"], prior["expenditure.project"]) == (TOTAL, BASIC, PROJECT)
    assert prior["general.function.2080505"] == PENSION
    assert prior.source == "2024 年预算公开的第 1 版"
    # 2025 starts from the corrected lines: 2,152.42 万元 basic, 24.00 + 71.00 of projects.
    text = text_of(new)
    assert re.search(r"基本支出 2,152\.42 万元，占 [0-9.]+%，比上年预算增加 100\.00 万元", text)
    assert re.search(r"项目支出 95\.00 万元，占 [0-9.]+%，比上年预算减少 301\.20 万元", text)


def test_it_compares_with_the_latest_published_version(published, accountant, reviewer):
    corrected(published, accountant)
    for status in (Status.SUBMITTED, Status.APPROVED):
        set_status(budget=published, status=status, by=accountant if status == Status.SUBMITTED else reviewer)
    budget_publish(budget=published, by=reviewer, note="更正社会保障缴费")
    new = start_next_year(budget=published).budget

    prior = PriorFigures(new)
    assert prior["income.total"] == TOTAL + ADDED and prior["general.function.2080505"] == PENSION + ADDED
    assert prior.source == "2024 年预算公开的第 2 版"


def test_it_falls_back_to_the_approved_data(reference_budget, accountant, reviewer):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=reference_budget, status=Status.APPROVED, by=reviewer)
    new = start_next_year(budget=reference_budget).budget

    prior = PriorFigures(new)
    assert prior["income.total"] == TOTAL and prior.source == "2024 年预算已审核的数据"


def test_it_counts_only_the_entered_figures_of_a_prior_year_still_in_draft(reference_budget):
    new = start_next_year(budget=reference_budget).budget
    PriorFigure.objects.create(budget=new, metric="income.total", amount=Decimal("12345600.00"))

    prior = PriorFigures(new)
    assert prior["income.total"] == Decimal("12345600.00")
    assert prior["expenditure.basic"] is None and prior.source is None
    assert "比上年" not in text_of(new).split("收支总预算")[0]


def test_it_lists_each_prior_figure_beside_this_years_with_its_change(published):
    new = start_next_year(budget=published, continuing=["P2024-01", "P2024-02"], with_lines=True).budget
    PriorFigure.objects.create(budget=new, metric="three_public.reception", amount=Decimal("100000.00"))

    rows, source = prior_comparisons(new)
    assert source == "2024 年预算公开的第 1 版"
    by_key = {row.key: row for row in rows}
    project = by_key["expenditure.project"]
    assert (project.label, project.now, project.prior) == ("项目支出", Decimal("950000.00"), PROJECT)
    assert project.change_text == "减少 301.20 万元，下降 76.02%" and not project.entered
    pension = by_key["general.function.2080505"]
    assert pension.label == "一般公共预算 2080505 机关事业单位基本养老保险缴费支出"
    assert (pension.now, pension.prior, pension.change) == (PENSION, PENSION, 0)
    reception = by_key["three_public.reception"]  # 公务接待费 15.00 万元; 10.00 entered
    assert (reception.now, reception.prior, reception.entered) == (Decimal("150000.00"), Decimal("100000.00"), True)
