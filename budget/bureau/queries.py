"""The bureau's figures, aggregated by the database in a constant number of queries.

Amounts are 元 (Decimal); the template shows 万元. A budget counts once it has left its
department (every status but 草稿), whoever looks.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line
from budget.figures.catalogue import SOURCE_GROUPS, THREE_PUBLIC_BY_NAME, THREE_PUBLIC_CODES
from budget.figures.sums import class_label, class_names, class_sums

# (attribute, label, economic codes) of the 三公 columns, in the page's order; fiscal lines only, as in 表10.
THREE_PUBLIC = [
    (item.name, item.label, item.codes)
    for item in map(THREE_PUBLIC_BY_NAME.get, ["overseas", "reception", "vehicle_purchase", "vehicle_operation"])
]


@dataclass
class Row:
    label: str
    amount: object  # Decimal 元


def bureau_budgets(budgets, *, bureau, year):
    """The non-draft budgets of `year` of `bureau`'s departments, among `budgets`."""
    return budgets.filter(department__bureau=bureau, year=year).exclude(status=Budget.Status.DRAFT)


def totals(budgets):
    """(by 类, by fund-source group): [Row] each, from one query grouped by 类 and source."""
    sums = class_sums(Line.objects.filter(budget__in=budgets))
    by_class = sums.by_class()
    names = class_names(by_class, budgets.values("edition"))
    return (
        [Row(class_label(code, names), amount) for code, amount in by_class.items()],
        [Row(group.label, sums.of_sources(group.sources)) for group in SOURCE_GROUPS],
    )


def three_public_ranking(budgets):
    """Every budget with its 三公 figures (`total` and one attribute per column), largest total first.

    The 三公 lines are few: aggregate them by budget, then attach the sums to the budgets
    (grouping the budgets' own wide rows by the lines' sums is several times slower).
    """
    columns = {
        name: Sum("amount", filter=Q(economic__code__in=codes)) for name, _, codes in THREE_PUBLIC
    }
    lines = Line.objects.filter(budget__in=budgets, source__in=S.FISCAL, economic__code__in=THREE_PUBLIC_CODES)
    sums = {row.pop("budget"): row for row in lines.values("budget").annotate(**columns).order_by()}
    ranking = list(budgets)
    for budget in ranking:
        figures = sums.get(budget.pk, {})
        for name, _, _ in THREE_PUBLIC:
            setattr(budget, name, figures.get(name) or Decimal(0))
        budget.total = sum((getattr(budget, name) for name, _, _ in THREE_PUBLIC), Decimal(0))
    ranking.sort(key=lambda budget: (-budget.total, budget.department.code))
    return ranking
