"""The figures of the review queue and the submission page, for a page of budgets in a constant
number of queries.

For each budget: its total and general-budget total, the general budget by 类 and the totals by
fund-source group, each with its 上年 figure and change. The prior year is the document's
(`budget.figures.metrics.PriorFigures`): the department's budget of the year before when it is in
the system (its latest published version's figures, else its data once approved), overridden by
the 上年预算数 entered with the budget; unknown otherwise (None). A 类'
上年 adds up its 项' (the document compares the general budget by 项, `general.function.<项>`).
"""
from dataclasses import dataclass

from budget.budgets import sources as S
from budget.budgets.models import Line
from budget.figures.catalogue import SOURCE_GROUPS, TOTAL, function_metric, general_function_metrics, source_metrics
from budget.figures.metrics import PriorFigures, entered_priors, prior_years
from budget.figures.sums import ClassSums, class_label, class_names, class_sums_by_budget

GENERAL_METRIC = "income.general_budget"


@dataclass
class Comparison:
    label: str
    amount: object  # Decimal 元
    prior: object  # Decimal 元, or None when the prior year is unknown

    @property
    def change(self):
        return None if self.prior is None else self.amount - self.prior


@dataclass
class Figures:
    total: Comparison
    general: Comparison
    by_class: list  # the general budget's, by 类
    by_group: list


def queue_figures(budgets):
    """{budget id: Figures} of `budgets` (a list), in four queries."""
    priors = prior_years(budgets)
    live = [prior.budget_id for prior in priors.values() if prior.live]  # summed here with this year
    lines = Line.objects.filter(budget_id__in=[b.pk for b in budgets] + live)
    sums = class_sums_by_budget(lines, 7)
    entered = entered_priors(budgets)
    names = class_names({code[:3] for cells in sums.values() for code, _ in cells}, {b.edition_id for b in budgets})
    figures = {}
    for budget in budgets:
        year = priors.get(budget.pk)
        prior = PriorFigures(budget, prior_metrics(sums, year), entered[budget.pk], year)
        figures[budget.pk] = compare(sums.get(budget.pk, ClassSums()), prior, names)
    return figures


def prior_metrics(sums, year):
    """The metrics the queue compares, of the prior year (a PriorYear): as its latest published
    version kept them, else summed from its lines when settled; None when it tells none."""
    if year is None:
        return None

    def live():
        cells = sums.get(year.budget_id, ClassSums())
        return source_metrics(cells) | general_function_metrics(cells)

    return year.computed(live)


def compare(cells, prior, names):
    """The Figures of one budget's ClassSums (by 项) against its PriorFigures."""
    return Figures(
        total=Comparison("合计", cells.of_sources(TOTAL.sources), prior.total()),
        general=Comparison("一般公共预算拨款", cells.of_sources(S.GENERAL), prior[GENERAL_METRIC]),
        by_class=[
            Comparison(class_label(code, names), cells.under(code, S.GENERAL), prior.of(items_under(code, cells, prior)))
            for code in general_classes(cells, prior)
        ],
        by_group=[
            Comparison(group.label, cells.of_sources(group.sources), prior.of(group.metrics))
            for group in SOURCE_GROUPS
        ],
    )


def general_classes(cells, prior):
    """The 类 with general-budget lines this year or a general-budget 上年 figure, in code order."""
    now = {item[:3] for item, source in cells if source in S.GENERAL}
    before = {key.rsplit(".", 1)[1][:3] for key, amount in prior.items() if key.startswith(function_metric("")) and amount}
    return sorted(now | before)


def items_under(code, cells, prior):
    """The general.function metrics of the 项 under 类 `code`, of either year."""
    keys = {function_metric(item) for item, source in cells if item.startswith(code) and source in S.GENERAL}
    return sorted(keys | {key for key in prior if key.startswith(function_metric(code))})
