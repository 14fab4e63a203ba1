"""The catalogue of metrics (budget.figures.catalogue): every figure named once, with its label."""
import re

from budget.budgets.sources import Source
from budget.figures.catalogue import FISCAL_GROUPS, METRICS, SOURCE_GROUPS, THREE_PUBLIC, is_metric

CHINESE = re.compile("[\u4e00-\u9fff]")


def test_it_labels_every_metric_in_chinese():
    unlabelled = [key for key, metric in METRICS.items() if not CHINESE.search(metric.label or "")]
    assert unlabelled == []


def test_it_gives_each_metric_its_own_label():
    labels = [metric.label for metric in METRICS.values()]
    assert len(set(labels)) == len(labels)


def test_it_compares_the_exchange_files_metrics():
    """The keys that `comparison` and `narrative.reasons` may hold (docs/exchange-format.md)."""
    compared = {key for key in METRICS if is_metric(key)}
    assert compared == {
        "income.total", "income.general_budget", "income.fund_budget", "income.state_capital_budget",
        "income.special_account", "income.unit_funds", "income.carryover_fiscal", "income.balance_nonfiscal",
        "expenditure.basic", "expenditure.project", "general.basic", "general.project",
        "three_public.total", "three_public.overseas", "three_public.vehicle_purchase",
        "three_public.vehicle_operation", "three_public.reception", "operating_expenses",
    }
    assert is_metric("general.function.2080505") and not is_metric("general.function.208050")


def test_it_adds_each_source_group_up_from_its_metrics():
    for group in SOURCE_GROUPS:
        assert {s for m in group.metrics for s in METRICS[m].sources} == set(group.sources), group.label
    every = [s for group in SOURCE_GROUPS for s in group.sources]
    assert sorted(every) == sorted(Source.values)  # each source in exactly one group
    assert [g.label for g in FISCAL_GROUPS] == ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"]


def test_it_takes_the_three_public_codes_of_table_10():
    assert {item.metric: item.codes for item in THREE_PUBLIC} == {
        "three_public.overseas": ("30212",), "three_public.vehicle_purchase": ("31013", "30913"),
        "three_public.vehicle_operation": ("30231",), "three_public.reception": ("30217",),
    }
