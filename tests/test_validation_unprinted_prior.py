"""Stored 上年预算数 that the document would not print are named by the validation as warnings."""
from decimal import Decimal

from budget.budgets.models import PriorFigure
from budget.validation import validate


def warnings(budget):
    return [str(f) for f in validate(budget) if f.rule == "comparison.printed"]


def test_it_names_a_stored_prior_figure_nothing_prints(reference_budget):
    # The reference document spends nothing on 2110301 大气: it compares no such 项 with last year.
    PriorFigure.objects.create(budget=reference_budget, metric="general.function.2110301", amount=Decimal("150000"))
    assert warnings(reference_budget) == [
        "上年预算数“一般公共预算 2110301 大气”（15.00 万元）不会印在文档中：文档中没有这一项的上年比较"
        "（prior_figures.general.function.2110301）",
    ]


def test_the_reference_budget_prints_every_prior_figure_it_stores(reference_budget):
    assert reference_budget.prior_figures.exists()
    assert warnings(reference_budget) == []
