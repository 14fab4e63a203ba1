"""The bureau's figures, aggregated by the database in a constant number of queries.

Amounts are 元 (Decimal); the template shows 万元. A budget counts once it has left its
department (every status but 草稿), whoever looks.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr

from budget.budgets import sources as S
from budget.budgets.models import Budget, Line
from budget.codes.models import FunctionalSubject

ZERO = Value(0, output_field=DecimalField(max_digits=16, decimal_places=2))

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


def by_class(budgets):
    """[Row] of expenditure by 功能分类类, by code; names from the budgets' editions."""
    rows = (
        Line.objects.filter(budget__in=budgets)
        .annotate(prefix=Substr("function__code", 1, 3))
        .values("prefix")
        .annotate(total=Sum("amount"))
        .order_by("prefix")
    )
    totals = [(row["prefix"], row["total"]) for row in rows]
    names = {}
    subjects = FunctionalSubject.objects.filter(
        level=1, code__in=[code for code, _ in totals], edition__in=budgets.values("edition")
    ).order_by("edition__year")
    for code, name in subjects.values_list("code", "name"):
        names[code] = name  # the newest edition's name wins
    return [Row(f"{code} {names.get(code, '')}".strip(), total) for code, total in totals]


def by_source_group(budgets):
    """[Row] of every fund-source group, empty groups included."""
    by_source = defaultdict(int)
    rows = Line.objects.filter(budget__in=budgets).values("source").annotate(total=Sum("amount")).order_by()
    for row in rows:
        by_source[row["source"]] = row["total"]
    return [Row(label, sum((by_source[source] for source in sources), 0)) for label, sources in SOURCE_GROUPS]


def three_public_sum(codes):
    condition = Q(lines__source__in=S.FISCAL, lines__economic__code__in=codes)
    return Coalesce(Sum("lines__amount", filter=condition), ZERO)


def three_public_ranking(budgets):
    """Every budget with its 三公 figures (`total` and one attribute per column), largest total first."""
    columns = {name: three_public_sum(codes) for name, _, codes in THREE_PUBLIC}
    return list(
        budgets.annotate(total=three_public_sum(THREE_PUBLIC_CODES), **columns)
        .order_by("-total", "department__code")
    )
