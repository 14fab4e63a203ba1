"""The figures of the review queue, for a page of budgets in a constant number of queries.

For each budget: its total and general-budget total, and its year-on-year changes by 类 and
by fund-source group. The prior year is as in `budget.document.figures.PriorFigures`: the
department's budget of the year before when it is in the system, overridden by the 上年预算数
entered with the budget (for the groups; they are entered by metric, not by 类); unknown
otherwise (None).
"""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line, PriorFigure
from budget.codes.models import FunctionalSubject
from .queries import SOURCE_GROUPS

# The comparison metrics (exchange file, `comparison`) that add up to each group of SOURCE_GROUPS.
GROUP_METRICS = [
    ("income.general_budget",),
    ("income.fund_budget",),
    ("income.state_capital_budget",),
    ("income.special_account",),
    ("income.unit_funds",),
    ("income.carryover_fiscal", "income.balance_nonfiscal"),
]
TOTAL_METRIC = "income.total"


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
    priors = prior_budgets(budgets)
    sums = line_sums([b.pk for b in budgets] + list(priors.values()))
    entered = defaultdict(dict)
    metrics = [TOTAL_METRIC] + [metric for group in GROUP_METRICS for metric in group]
    for row in PriorFigure.objects.filter(budget__in=budgets, metric__in=metrics).values("budget_id", "metric", "amount"):
        entered[row["budget_id"]][row["metric"]] = row["amount"]
    names = class_names({prefix for cells in sums.values() for prefix, _ in cells})
    return {
        budget.pk: figures(sums.get(budget.pk, {}), priors.get((budget.department_id, budget.year - 1)), sums,
                           entered[budget.pk], names)
        for budget in budgets
    }


def prior_budgets(budgets):
    """{(department id, year): id} of the budgets of the year before each of `budgets`."""
    wanted = Q(pk__in=[])
    for budget in budgets:
        wanted |= Q(department_id=budget.department_id, year=budget.year - 1)
    return {(d, y): pk for pk, d, y in Budget.objects.filter(wanted).values_list("pk", "department_id", "year")}


def line_sums(budget_ids):
    """{budget id: {(类, source): Decimal}} from one grouped query."""
    rows = (
        Line.objects.filter(budget_id__in=budget_ids)
        .annotate(prefix=Substr("function__code", 1, 3))
        .values("budget_id", "prefix", "source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    sums = defaultdict(dict)
    for row in rows:
        sums[row["budget_id"]][row["prefix"], row["source"]] = row["total"]
    return sums


def class_names(codes):
    subjects = FunctionalSubject.objects.filter(level=1, code__in=codes).order_by("edition__year")
    return dict(subjects.values_list("code", "name"))


def figures(cells, prior_id, sums, entered, names):
    prior_cells = sums.get(prior_id, {}) if prior_id else None

    def amount(of, keep):
        return sum((total for key, total in of.items() if keep(*key)), 0)

    def prior(keep, metrics=()):
        if metrics and all(metric in entered for metric in metrics):
            return sum(entered[metric] for metric in metrics)
        return None if prior_cells is None else amount(prior_cells, keep)

    classes = sorted({prefix for prefix, _ in cells} | {prefix for prefix, _ in prior_cells or {}})
    by_class = [
        Comparison(f"{code} {names.get(code, '')}".strip(), amount(cells, lambda p, s, c=code: p == c),
                   prior(lambda p, s, c=code: p == c))
        for code in classes
    ]
    by_group = [
        Comparison(label, amount(cells, lambda p, s, g=sources: s in g), prior(lambda p, s, g=sources: s in g, metrics))
        for (label, sources), metrics in zip(SOURCE_GROUPS, GROUP_METRICS)
    ]
    everything = lambda p, s: True  # noqa: E731
    return Figures(
        total=Comparison("合计", amount(cells, everything), prior(everything, (TOTAL_METRIC,))),
        general=amount(cells, lambda p, s: s in S.GENERAL),
        by_class=by_class,
        by_group=by_group,
    )
