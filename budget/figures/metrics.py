"""The catalogue's metrics of budgets, aggregated by the database from the lines, and the prior year's.

`metrics()` gives every metric of the catalogue (and the general budget's per 项), under the
keys of the exchange file's `comparison` object, in 元; `PriorFigures` the 上年预算数 by metric,
from the prior year's latest published version (`record_published` keeps its metrics), else its
approved data, overridden by the figures entered with the budget.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line, PriorFigure
from budget.codes.models import FunctionalSubject

from .catalogue import METRICS, SOURCE_GROUPS, TOTAL, function_metric
from .models import PublishedMetrics
from .money import change as money_change

# Metric key → the lines it adds up.
FILTERS = {key: metric.lines for key, metric in METRICS.items()}


def metrics(budget):
    """Every comparable figure of the budget, {metric: Decimal 元}, in two queries."""
    return metrics_of([budget.id])[budget.id]


def metrics_of(budget_ids):
    """{budget id: metrics} of several budgets, in the same two queries as one budget's."""
    return metrics_of_lines(Line.objects.filter(budget_id__in=budget_ids), budget_ids)


def unit_metrics(unit):
    """The metrics of one budget unit's lines (its 单位预算), in the same two queries."""
    return metrics_of_lines(Line.objects.filter(unit=unit), [unit.budget_id])[unit.budget_id]


def metrics_of_lines(lines, budget_ids):
    """{budget id: metrics} of `lines` (of those budgets)."""
    names = {f"m{i}": key for i, key in enumerate(FILTERS)}
    figures = {pk: dict.fromkeys(FILTERS, 0) for pk in budget_ids}
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


# A prior year's live data counts only once a reviewer approved it (or it was published before
# versions kept their figures): a draft's figures are not yet anyone's 上年预算数.
SETTLED = (Budget.Status.APPROVED, Budget.Status.PUBLISHED)


@dataclass(frozen=True)
class PriorYear:
    """The department's budget of the year before, and what it can tell as 上年预算数."""

    budget_id: int
    year: int
    status: str
    version: int | None  # its latest published version whose figures are kept
    published: dict | None  # that version's metrics, {metric: Decimal 元}

    @property
    def live(self):
        """Whether its figures are to be summed from its data now (no version kept, but settled)."""
        return self.published is None and self.status in SETTLED

    def computed(self, live_metrics):
        """Its metrics: the latest published version's; else `live_metrics()` (the caller sums
        its data as it can) when it is settled; else None (only entered figures count)."""
        if self.published is not None:
            return self.published
        return live_metrics() if self.live else None

    @property
    def label(self):
        if self.published is not None:
            return f"{self.year} 年预算公开的第 {self.version} 版"
        return f"{self.year} 年预算已审核的数据" if self.live else None


def prior_years(budgets):
    """{budget id: PriorYear} of `budgets` whose department's budget of the year before is in
    the system, in one query."""
    wanted = Q(pk__in=[])
    for budget in budgets:
        wanted |= Q(department_id=budget.department_id, year=budget.year - 1)
    latest = PublishedMetrics.objects.filter(budget=OuterRef("pk")).order_by("-version")
    rows = Budget.objects.filter(wanted).annotate(
        version=Subquery(latest.values("version")[:1]), figures=Subquery(latest.values("figures")[:1])
    ).values_list("pk", "department_id", "year", "status", "version", "figures")
    found = {}
    for pk, department, year, status, version, figures in rows:
        published = None if figures is None else {key: Decimal(amount) for key, amount in figures.items()}
        found[department, year] = PriorYear(pk, year, status, version, published)
    return {b.pk: found[b.department_id, b.year - 1] for b in budgets if (b.department_id, b.year - 1) in found}


def record_published(*, budget, version):
    """Keep the metrics of `budget` as its published `version` says them (the workflow calls it
    in the transaction that publishes): the next year compares with these, whatever happens to
    the data in a correction."""
    figures = {key: str(amount) for key, amount in metrics(budget).items()}
    PublishedMetrics.objects.create(budget=budget, version=version, figures=figures)


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
    """(metrics of the budget, its PriorFigures); a settled prior year without a kept version is
    summed by the same queries as this year."""
    prior = prior_years([budget]).get(budget.pk)
    live_id = prior.budget_id if prior and prior.live else None
    figures = metrics_of([budget.id] if live_id is None else [budget.id, live_id])
    computed = prior.computed(lambda: figures[live_id]) if prior else None
    return figures[budget.id], PriorFigures(budget, computed, prior=prior)


LOOK_UP = object()


class PriorFigures(dict):
    """上年预算数 by metric: from the prior year's budget when it is in the system — its latest
    published version's figures, else its data once approved (a metric it lacks is then 0) —
    overridden by the figures entered with this budget. A metric known from neither is None: no
    comparison is written for it.

    `computed` is the prior year's metrics when the caller has them (None: none to read), with
    `prior` (its PriorYear) saying where they come from; `entered` the budget's entered figures
    ({metric: amount}) when the caller has them.
    """

    def __init__(self, budget, computed=LOOK_UP, entered=None, prior=None):
        if computed is LOOK_UP:
            prior = prior_years([budget]).get(budget.pk)
            computed = prior.computed(lambda: metrics_of([prior.budget_id])[prior.budget_id]) if prior else None
        super().__init__(computed or {})
        if entered is None:
            entered = {p.metric: p.amount for p in budget.prior_figures.all()}
        self.update(entered)
        self.entered = set(entered)
        self.source = prior.label if prior and computed is not None else None
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


@dataclass(frozen=True)
class PriorComparison:
    """One compared metric of a budget: this year's figure beside the 上年预算数."""

    key: str
    label: str
    now: Decimal  # 元
    prior: Decimal | None  # 元; None when the prior year's figure is unknown
    entered: bool  # the prior figure was entered with the budget, over the prior year's

    @property
    def change(self):
        return None if self.prior is None else self.now - self.prior

    @property
    def change_text(self):
        """'增加 7.50 万元，增长 30.61%', as the document writes it; None when unknown."""
        return money_change(self.now, self.prior)


def prior_comparisons(budget):
    """([PriorComparison] of every metric a prior-year figure may be given for, the general
    budget's 项 of either year included, in the catalogue's order), and where the prior year's
    figures come from (PriorFigures.source: None when only entered ones count)."""
    now, prior = metrics_with_prior(budget)
    functions = sorted({key for key in [*now, *prior] if key.startswith("general.function.") and (now.get(key) or prior[key])})
    names = dict(FunctionalSubject.objects.filter(
        edition_id=budget.edition_id, code__in=[key.rsplit(".", 1)[1] for key in functions]).values_list("code", "name"))
    labels = {key: metric.label for key, metric in METRICS.items() if metric.compared}
    labels.update({key: f"一般公共预算 {key.rsplit('.', 1)[1]} {names.get(key.rsplit('.', 1)[1], '')}".rstrip()
                   for key in functions})
    rows = [PriorComparison(key, label, now.get(key, Decimal(0)), prior[key], key in prior.entered)
            for key, label in labels.items()]
    return rows, prior.source
