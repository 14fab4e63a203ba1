"""The figures of the review queue, for a page of budgets in a constant number of queries.

For each budget: its total and general-budget total, and its year-on-year changes by 类 and
by fund-source group. The prior year is the document's (`budget.figures.metrics.PriorFigures`):
the department's budget of the year before when it is in the system, overridden by the 上年预算数
entered with the budget (for the groups; they are entered by metric, not by 类); unknown
otherwise (None).
"""
from dataclasses import dataclass

from budget.budgets import sources as S
from budget.budgets.models import Line
from budget.figures.catalogue import SOURCE_GROUPS, TOTAL, source_metrics
from budget.figures.metrics import PriorFigures, entered_priors, prior_budget_ids
from budget.figures.sums import ClassSums, class_label, class_names, class_sums_by_budget

# The prior figures the queue compares with: the total and the groups' metrics.
COMPARED = [TOTAL.key] + [metric for group in SOURCE_GROUPS for metric in group.metrics]


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
    general: object
    by_class: list
    by_group: list


def queue_figures(budgets):
    """{budget id: Figures} of `budgets` (a list), in four queries."""
    prior_ids = prior_budget_ids(budgets)
    sums = class_sums_by_budget(Line.objects.filter(budget_id__in=[b.pk for b in budgets] + list(prior_ids.values())))
    entered = entered_priors(budgets, COMPARED)
    names = class_names({code for cells in sums.values() for code, _ in cells}, {b.edition_id for b in budgets})
    figures = {}
    for budget in budgets:
        prior_cells = sums.get(prior_ids[budget.pk], ClassSums()) if budget.pk in prior_ids else None
        computed = None if prior_cells is None else source_metrics(prior_cells)
        prior = PriorFigures(budget, computed, entered[budget.pk])
        figures[budget.pk] = compare(sums.get(budget.pk, ClassSums()), prior_cells, prior, names)
    return figures


def compare(cells, prior_cells, prior, names):
    """The Figures of one budget's ClassSums against its prior year's (None: not in the system)."""
    classes = sorted({code for code, _ in cells} | {code for code, _ in prior_cells or {}})
    return Figures(
        total=Comparison("合计", cells.of_sources(TOTAL.sources), prior[TOTAL.key]),
        general=cells.of_sources(S.GENERAL),
        by_class=[
            Comparison(class_label(code, names), cells.under(code),
                       None if prior_cells is None else prior_cells.under(code))
            for code in classes
        ],
        by_group=[
            Comparison(group.label, cells.of_sources(group.sources), prior.of(group.metrics))
            for group in SOURCE_GROUPS
        ],
    )
