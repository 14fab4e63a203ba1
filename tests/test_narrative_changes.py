"""Year-on-year changes computed from the prior year's budget; decreases, sources at zero,
money in 表8 and 表11. Expected figures are plain sums over the test's own JSON."""
from decimal import ROUND_HALF_UP, Decimal

import pytest

from budget.budgets.models import Budget
from budget.document.narrative import explanations
from budget.exchange.services import budget_import

CENT = Decimal("0.01")


def total(lines, **match):
    return sum((Decimal(l["amount"]) for l in lines if all(l[k] in v for k, v in match.items())), Decimal(0))


def pct(part, whole):
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def approved(budget):
    """The prior year as a reviewer approved it: its figures are then the 上年预算数."""
    Budget.objects.filter(pk=budget.pk).update(status=Budget.Status.APPROVED)


def text_of(budget):
    return "\n".join(b.text for s in explanations(budget) for b in s.blocks if b.kind == "p")


@pytest.fixture
def years(db, reference_data):
    """The reference as 2023 (no comparison), and a 2024 that halves the general basic lines,
    drops the unit funds and adds fund-budget and carry-over money."""
    import copy

    prior = copy.deepcopy(reference_data)
    prior["year"] = 2023
    del prior["comparison"]
    current = copy.deepcopy(reference_data)
    del current["comparison"]
    current["projects"] = [p for p in current["projects"] if p["code"] not in ("P2024-06", "P2024-07")]
    lines = [l for l in current["lines"] if l["source"] != "unit_other"]
    for line in lines:
        if line["kind"] == "basic":
            line["amount"] = str((Decimal(line["amount"]) / 2).quantize(CENT, rounding=ROUND_HALF_UP))
    lines.append({"unit": "501001", "function": "2110101", "economic": "30201", "source": "fund_budget",
                  "kind": "basic", "project": None, "amount": "12.34"})
    lines.append({"unit": "501001", "function": "2110199", "economic": "30227", "source": "carryover_general",
                  "kind": "project", "project": "P2024-01", "amount": "5.00"})
    current["projects"][0]["allocation"] = []  # its lines now include carry-over money
    current["lines"] = lines
    approved(budget_import(data=prior))
    return prior, current, budget_import(data=current)


def test_it_compares_with_the_prior_years_budget(years):
    prior, current, budget = years
    text = text_of(budget)
    general = ("general_budget", "general_transfer")
    now, before = total(current["lines"], source=general), total(prior["lines"], source=general)
    assert now < before
    grand = total(current["lines"], source=[l["source"] for l in current["lines"]])
    assert (
        f"一般公共预算 {now:,.2f} 万元，占 {pct(now, grand)}%，比上年预算减少 {before - now:,.2f} 万元，"
        f"下降 {pct(before - now, before)}%" in text
    )
    basic_now = total(current["lines"], source=general, kind=["basic"])
    basic_before = total(prior["lines"], source=general, kind=["basic"])
    assert f"基本支出 {basic_now:,.2f} 万元，比上年预算减少 {basic_before - basic_now:,.2f} 万元" in text


def test_it_writes_a_source_that_fell_to_zero(years):
    prior, current, budget = years
    before = total(prior["lines"], source=["unit_other"])
    assert f"单位资金 0.00 万元，占 0.00%，比上年预算减少 {before:,.2f} 万元，下降 100.00%" in text_of(budget)


def test_it_describes_fund_budget_and_carry_over_money(years):
    prior, current, budget = years
    text = text_of(budget)
    assert "政府性基金预算 12.34 万元" in text and "增长 100.00%" in text
    assert "2024 年政府性基金预算拨款支出 12.34 万元，其中：基本支出 12.34 万元，项目支出 0.00 万元。" in text
    assert "2024 年上年结转结余预算支出 5.00 万元，其中：财政拨款结转 5.00 万元，非财政拨款结余 0.00 万元。" in text
    assert "政府性基金预算未安排" not in text and "为空表" in text  # 表9 stays empty


def test_it_lets_entered_figures_override_the_computed_ones(years, reference_data):
    prior, current, budget = years
    budget.prior_figures.create(metric="three_public.total", amount=Decimal("100000"))
    now = total(current["lines"], economic=["30212", "30217", "30231", "31013", "30913"],
                source=["general_budget"])
    assert f"“三公”经费比上年预算增加 {now - 10:,.2f} 万元" in text_of(budget)


def test_it_omits_the_comparison_when_no_prior_figure_is_known(db, reference_data):
    del reference_data["comparison"]
    text = text_of(budget_import(data=reference_data))
    assert "一般公共预算 2,188.62 万元，占 89.38%。" in text
    assert "比上年预算" not in text


def test_it_counts_only_the_offices_in_the_operating_expenses(db, reference_data):
    """机关运行经费 is the general basic 公用经费 of the administrative (and 参公) units: a public
    institution's is 公用经费 but not 机关运行经费, in this year's figure as in the prior year's."""
    import copy

    def with_institution(year, amount):
        data = copy.deepcopy(reference_data)
        data["year"] = year
        del data["comparison"]
        data["department"]["units"].append({"code": "501001-01", "name": "州环境监测站", "kind": "public_institution"})
        data["lines"].append({"unit": "501001-01", "function": "2110101", "economic": "30201", "source": "general_budget",
                              "kind": "basic", "project": None, "amount": amount})
        return data

    approved(budget_import(data=with_institution(2023, "7.00")))
    text = text_of(budget_import(data=with_institution(2024, "5.00")))
    assert "公用经费 108.53 万元" in text  # the reference's 103.53 and the institution's 5.00
    assert "机关运行经费财政拨款预算 103.53 万元，比上年预算增加 0.00 万元" in text
