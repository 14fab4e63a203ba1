"""The bureau's figures, aggregated by the database in a constant number of queries.

Amounts are 元 (Decimal); the template shows 万元. A budget counts once it has left its
department (every status but 草稿), whoever looks.
"""
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line
from budget.codes.models import FunctionalSubject

# (label, sources) of the fund-source groups, in the order of 表1.
SOURCE_GROUPS = [
    ("一般公共预算拨款", S.GENERAL),
    ("政府性基金预算拨款", S.FUND),
    ("国有资本经营预算拨款", S.STATE_CAPITAL),
    ("财政专户管理资金", (S.Source.SPECIAL_ACCOUNT,)),
    ("单位资金", S.UNIT_FUNDS),
    ("上年结转结余", S.CARRYOVER_AND_BALANCE),
]

# (attribute, label, economic codes) of the 三公 columns; fiscal lines only, as in 表10.
THREE_PUBLIC = [
    ("overseas", "因公出国（境）费", S.OVERSEAS),
    ("reception", "公务接待费", S.RECEPTION),
    ("vehicle_purchase", "公务用车购置费", S.VEHICLE_PURCHASE),
    ("vehicle_operation", "公务用车运行费", S.VEHICLE_OPERATION),
]
THREE_PUBLIC_CODES = sum((codes for _, _, codes in THREE_PUBLIC), ())


@dataclass
class Row:
    label: str
    amount: object  # Decimal 元


def bureau_budgets(budgets, *, bureau, year):
    """The non-draft budgets of `year` of `bureau`'s departments, among `budgets`."""
    return budgets.filter(department__bureau=bureau, year=year).exclude(status=Budget.Status.DRAFT)


def totals(budgets):
    """(by 类, by fund-source group): [Row] each, from one query grouped by 类 and source."""
    rows = (
        Line.objects.filter(budget__in=budgets)
        .annotate(prefix=Substr("function__code", 1, 3))
        .values("prefix", "source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_class, by_source = defaultdict(int), defaultdict(int)
    for row in rows:
        by_class[row["prefix"]] += row["total"]
        by_source[row["source"]] += row["total"]
    names = class_names(budgets, by_class)
    return (
        [Row(f"{code} {names.get(code, '')}".strip(), by_class[code]) for code in sorted(by_class)],
        [Row(label, sum((by_source[source] for source in sources), 0)) for label, sources in SOURCE_GROUPS],
    )


def class_names(budgets, codes):
    """{code: name} of the 类 in the budgets' editions (the newest edition's name wins)."""
    subjects = FunctionalSubject.objects.filter(
        level=1, code__in=list(codes), edition__in=budgets.values("edition")
    ).order_by("edition__year")
    return dict(subjects.values_list("code", "name"))


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
