"""Figures of 第三部分, aggregated by the database from the lines.

`metrics()` gives every figure that a prior year can be compared with, under the keys of the
exchange file's `comparison` object, in 元.
"""
from django.db.models import OuterRef, Q, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, BudgetUnit, Line

PERSONNEL = Q(economic__code__startswith=S.PERSONNEL_CLASSES[0]) | Q(economic__code__startswith=S.PERSONNEL_CLASSES[1])
OFFICES = (BudgetUnit.Kind.ADMINISTRATIVE, BudgetUnit.Kind.CIVIL_SERVICE_MANAGED)
# Lines of an office among their budget's units (every line's unit is one of its budget's units).
# Looked up per line through the units' budget index: joining the units instead made PostgreSQL
# hash every unit of every budget (18,000 at 9,000 budgets) for one budget's figures.
IN_OFFICE = Q(unit__in=BudgetUnit.objects.filter(budget=OuterRef("budget"), kind__in=OFFICES))


def fiscal(codes):
    return Q(source__in=S.FISCAL, economic__code__in=codes)


# Metric key → the lines it adds up. Keys without a dot-prefix of the spec are internal.
FILTERS = {
    "income.total": Q(),
    "income.general_budget": Q(source__in=S.GENERAL),
    "income.general_transfer": Q(source=S.Source.GENERAL_TRANSFER),
    "income.fund_budget": Q(source__in=S.FUND),
    "income.fund_transfer": Q(source=S.Source.FUND_TRANSFER),
    "income.state_capital_budget": Q(source__in=S.STATE_CAPITAL),
    "income.state_capital_transfer": Q(source=S.Source.STATE_CAPITAL_TRANSFER),
    "income.special_account": Q(source=S.Source.SPECIAL_ACCOUNT),
    "income.unit_funds": Q(source__in=S.UNIT_FUNDS),
    "income.carryover_fiscal": Q(source__in=S.CARRYOVER),
    "income.balance_nonfiscal": Q(source__in=S.BALANCE),
    "income.fiscal": Q(source__in=S.FISCAL),
    "expenditure.basic": Q(kind="basic"),
    "expenditure.project": Q(kind="project"),
    "general.basic": Q(source__in=S.GENERAL, kind="basic"),
    "general.project": Q(source__in=S.GENERAL, kind="project"),
    "general.personnel": Q(source__in=S.GENERAL, kind="basic") & PERSONNEL,
    "general.public": Q(source__in=S.GENERAL, kind="basic") & ~PERSONNEL,
    "fund.basic": Q(source__in=S.FUND, kind="basic"),
    "fund.project": Q(source__in=S.FUND, kind="project"),
    "state_capital.basic": Q(source__in=S.STATE_CAPITAL, kind="basic"),
    "state_capital.project": Q(source__in=S.STATE_CAPITAL, kind="project"),
    "three_public.overseas": fiscal(S.OVERSEAS),
    "three_public.reception": fiscal(S.RECEPTION),
    "three_public.vehicle_operation": fiscal(S.VEHICLE_OPERATION),
    "three_public.vehicle_purchase": fiscal(S.VEHICLE_PURCHASE),
    "three_public.total": fiscal(S.OVERSEAS + S.RECEPTION + S.VEHICLE_OPERATION + S.VEHICLE_PURCHASE),
    "operating_expenses": Q(source__in=S.GENERAL, kind="basic") & IN_OFFICE & ~PERSONNEL,
}


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
        figures[budget_id][f"general.function.{code}"] = amount
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
    budgets = Budget.objects.filter(department_id=budget.department_id, year=budget.year - 1)
    return budgets.order_by("pk").values_list("pk", flat=True).first()


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

    `computed` is the prior budget's metrics when the caller has them (None: no prior budget).
    """

    def __init__(self, budget, computed=LOOK_UP):
        if computed is LOOK_UP:
            prior_id = prior_budget_id(budget)
            computed = None if prior_id is None else metrics_of([prior_id])[prior_id]
        super().__init__(computed or {})
        self.update((p.metric, p.amount) for p in budget.prior_figures.all())
        self.missing = None if computed is None else 0

    def __missing__(self, key):
        return self.missing
