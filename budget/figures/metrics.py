"""The catalogue's metrics of budgets, aggregated by the database from the lines, and the prior year's.

`metrics()` gives every metric of the catalogue (and the general budget's per 项), under the
keys of the exchange file's `comparison` object, in 元; `PriorFigures` the 上年预算数 by metric.
"""
from django.db.models import Q, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line, PriorFigure

from .catalogue import METRICS, SOURCE_GROUPS, TOTAL, function_metric

# Metric key → the lines it adds up.
FILTERS = {key: metric.lines for key, metric in METRICS.items()}


def metrics(budget):
    """Every comparable figure of the budget, {metric: Decimal 元}, in two queries."""
    return metrics_of([budget.id])[budget.id]


def metrics_of(budget_ids):
    """{budget id: metrics} of several budgets, in the same two queries as one budget's."""
    names = {f"m{i}": key for i, key in enumerate(FILTERS)}
    figures = {pk: dict.fromkeys(FILTERS, 0) for pk in budget_ids}
    lines = Line.objects.filter(budget_id__in=budget_ids)
    totals = lines.values("budget_id").annotate(
        **{alias: Sum("amount", filter=FILTERS[key]) for alias, key in names.items()}
    ).order_by()
    for row in totals:
        figures[row["budget_id"]].update((key, row[alias] or 0) for alias, key in names.items())
    for budget_id, code, amount in function_sums(lines.filter(source__in=S.GENERAL)):
        figures[budget_id][function_metric(code)] = amount
    return figures


def function_sums(lines, length=7):
    """[(budget id, code, amount)] of `lines` by budget and the first `length` digits of the 项."""
    rows = (
        lines.annotate(prefix=Substr("function__code", 1, length))
        .values("budget_id", "prefix")
        .annotate(total=Sum("amount"))
        .order_by("budget_id", "prefix")
    )
    return [(row["budget_id"], row["prefix"], row["total"]) for row in rows if row["total"]]


def by_function(budget, q, length=7):
    """[(code, amount)] of the lines matching q, grouped by the first `length` digits of the 项."""
    return [(code, amount) for _, code, amount in function_sums(budget.lines.filter(q), length)]


def prior_budget_id(budget):
    """The id of the department's budget of the year before, None when it is not in the system."""
    return prior_budget_ids([budget]).get(budget.pk)


def prior_budget_ids(budgets):
    """{budget id: the id of its department's budget of the year before}, for those in the system."""
    wanted = Q(pk__in=[])
    for budget in budgets:
        wanted |= Q(department_id=budget.department_id, year=budget.year - 1)
    found = {}
    for pk, department, year in Budget.objects.filter(wanted).order_by("-pk").values_list("pk", "department_id", "year"):
        found[department, year] = pk  # the first one entered wins
    return {b.pk: found[b.department_id, b.year - 1] for b in budgets if (b.department_id, b.year - 1) in found}


def entered_priors(budgets, metrics=None):
    """{budget id: {metric: Decimal 元}} of the 上年预算数 entered with `budgets`, for `metrics` (None: all)."""
    entered = {budget.pk: {} for budget in budgets}
    rows = PriorFigure.objects.filter(budget__in=budgets)
    if metrics is not None:
        rows = rows.filter(metric__in=list(metrics))
    for budget_id, metric, amount in rows.values_list("budget_id", "metric", "amount"):
        entered[budget_id][metric] = amount
    return entered


def metrics_with_prior(budget):
    """(metrics of the budget, its PriorFigures), both years summed by the same queries."""
    prior_id = prior_budget_id(budget)
    figures = metrics_of([budget.id] if prior_id is None else [budget.id, prior_id])
    return figures[budget.id], PriorFigures(budget, figures.get(prior_id))


LOOK_UP = object()


class PriorFigures(dict):
    """上年预算数 by metric: computed from the prior year's budget when it is in the system
    (a metric it lacks is then 0), overridden by the figures entered with this budget. A
    metric known from neither is None: no comparison is written for it.

    `computed` is the prior budget's metrics when the caller has them (None: no prior budget),
    `entered` the budget's entered figures ({metric: amount}) when the caller has them.
    """

    def __init__(self, budget, computed=LOOK_UP, entered=None):
        if computed is LOOK_UP:
            prior_id = prior_budget_id(budget)
            computed = None if prior_id is None else metrics_of([prior_id])[prior_id]
        super().__init__(computed or {})
        if entered is None:
            entered = {p.metric: p.amount for p in budget.prior_figures.all()}
        self.update(entered)
        self.missing = None if computed is None else 0

    def of(self, metrics):
        """The sum of several metrics' prior figures: of those known, None when none is."""
        known = [self[metric] for metric in metrics if self[metric] is not None]
        return sum(known) if known else None

    def total(self):
        """收支总预算 of the year before: its own figure when known, else the known groups' sum
        (the 上年 of 合计 beside the groups' 上年)."""
        known = self[TOTAL.key]
        return known if known is not None else self.of([m for group in SOURCE_GROUPS for m in group.metrics])

    def __missing__(self, key):
        return self.missing
