"""Figures of 第三部分, aggregated by the database from the lines.

`metrics()` gives every figure that a prior year can be compared with, under the keys of the
exchange file's `comparison` object, in 元.
"""
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, BudgetUnit

PERSONNEL = Q(economic__code__startswith=S.PERSONNEL_CLASSES[0]) | Q(economic__code__startswith=S.PERSONNEL_CLASSES[1])
OFFICES = (BudgetUnit.Kind.ADMINISTRATIVE, BudgetUnit.Kind.CIVIL_SERVICE_MANAGED)


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
    "operating_expenses": Q(source__in=S.GENERAL, kind="basic", unit__kind__in=OFFICES) & ~PERSONNEL,
}


def metrics(budget):
    """Every comparable figure of the budget, {metric: Decimal 元}, in two queries."""
    names = {f"m{i}": key for i, key in enumerate(FILTERS)}
    totals = budget.lines.aggregate(**{alias: Sum("amount", filter=FILTERS[key]) for alias, key in names.items()})
    figures = {key: totals[alias] or 0 for alias, key in names.items()}
    for code, amount in by_function(budget, Q(source__in=S.GENERAL)):
        figures[f"general.function.{code}"] = amount
    return figures


def by_function(budget, q, length=7):
    """[(code, amount)] of the lines matching q, grouped by the first `length` digits of the 项."""
    rows = (
        budget.lines.filter(q)
        .annotate(prefix=Substr("function__code", 1, length))
        .values("prefix")
        .annotate(total=Sum("amount"))
        .order_by("prefix")
    )
    return [(row["prefix"], row["total"]) for row in rows if row["total"]]


class PriorFigures(dict):
    """上年预算数 by metric: computed from the prior year's budget when it is in the system
    (a metric it lacks is then 0), overridden by the figures entered with this budget. A
    metric known from neither is None: no comparison is written for it."""

    def __init__(self, budget):
        prior = Budget.objects.filter(department_id=budget.department_id, year=budget.year - 1).first()
        super().__init__(metrics(prior) if prior else {})
        self.update((p.metric, p.amount) for p in budget.prior_figures.all())
        self.missing = 0 if prior else None

    def __missing__(self, key):
        return self.missing
