"""The catalogue: every figure the product names, with its Chinese label and the lines it adds up.

A metric's key is the exchange file's (`comparison`, `narrative.reasons`); the `compared` ones
are those a prior-year figure may be given for. Fund sources, 三公 and 人员经费 are declared
here too, once, as the sets of lines that the tables, the document and the bureau's pages sum.
"""
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import OuterRef, Q

from budget.budgets import sources as S
from budget.budgets.models import BudgetUnit

# 人员经费 are the basic lines of these economic classes; every other class of a basic line is 公用经费.
PERSONNEL_CLASSES = S.PERSONNEL_CLASSES
BASIC, PROJECT = Q(kind="basic"), Q(kind="project")


def economic_class(*classes):
    """Lines whose economic 款 belongs to one of the economic classes (类), e.g. "301"."""
    return reduce(or_, (Q(economic__code__startswith=c) for c in classes))


PERSONNEL_CLASS = economic_class(*PERSONNEL_CLASSES)
PERSONNEL, PUBLIC = BASIC & PERSONNEL_CLASS, BASIC & ~PERSONNEL_CLASS
OFFICES = (BudgetUnit.Kind.ADMINISTRATIVE, BudgetUnit.Kind.CIVIL_SERVICE_MANAGED)
# Lines of an office among their budget's units (every line's unit is one of its budget's units).
# Looked up per line through the units' budget index: joining the units instead made PostgreSQL
# hash every unit of every budget (18,000 at 9,000 budgets) for one budget's figures.
IN_OFFICE = Q(unit__in=BudgetUnit.objects.filter(budget=OuterRef("budget"), kind__in=OFFICES))


def of_sources(fund_sources):
    return Q(source__in=tuple(fund_sources))


@dataclass(frozen=True)
class ThreePublic:
    """One of the 三公 figures: fiscal lines of its economic codes (表10)."""

    name: str
    label: str
    codes: tuple

    @property
    def metric(self):
        return f"three_public.{self.name}"


# In the order of the exchange file, the document's sentence and the validation.
THREE_PUBLIC = [
    ThreePublic("overseas", "因公出国（境）费", S.OVERSEAS),
    ThreePublic("vehicle_purchase", "公务用车购置费", S.VEHICLE_PURCHASE),
    ThreePublic("vehicle_operation", "公务用车运行费", S.VEHICLE_OPERATION),
    ThreePublic("reception", "公务接待费", S.RECEPTION),
]
THREE_PUBLIC_BY_NAME = {item.name: item for item in THREE_PUBLIC}
THREE_PUBLIC_CODES = sum((item.codes for item in THREE_PUBLIC), ())


def fiscal(codes):
    return Q(source__in=S.FISCAL, economic__code__in=codes)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    lines: Q  # the lines it adds up
    compared: bool = False  # a prior-year figure may be given for it (exchange `comparison`)
    sources: tuple | None = None  # when it is the sum of some fund sources' lines, those sources


def income(key, label, fund_sources, compared=False):
    """A metric of all lines of some fund sources."""
    return Metric(key, label, of_sources(fund_sources), compared, tuple(fund_sources))


GENERAL_BASIC = of_sources(S.GENERAL) & BASIC
METRICS = {metric.key: metric for metric in [
    Metric("income.total", "收支总预算", Q(), True, tuple(S.Source)),
    income("income.general_budget", "一般公共预算收入", S.GENERAL, True),
    income("income.general_transfer", "上级一般公共预算安排的转移支付", (S.Source.GENERAL_TRANSFER,)),
    income("income.fund_budget", "政府性基金预算收入", S.FUND, True),
    income("income.fund_transfer", "上级政府性基金安排的转移支付", (S.Source.FUND_TRANSFER,)),
    income("income.state_capital_budget", "国有资本经营预算收入", S.STATE_CAPITAL, True),
    income("income.state_capital_transfer", "上级国有资本经营预算安排的转移支付", (S.Source.STATE_CAPITAL_TRANSFER,)),
    income("income.special_account", "财政专户管理资金", (S.Source.SPECIAL_ACCOUNT,), True),
    income("income.unit_funds", "单位资金", S.UNIT_FUNDS, True),
    income("income.carryover_fiscal", "财政拨款结转", S.CARRYOVER, True),
    income("income.balance_nonfiscal", "非财政拨款结余", S.BALANCE, True),
    income("income.fiscal", "财政拨款收入", S.FISCAL),
    Metric("expenditure.basic", "基本支出", BASIC, True),
    Metric("expenditure.project", "项目支出", PROJECT, True),
    Metric("general.basic", "一般公共预算基本支出", GENERAL_BASIC, True),
    Metric("general.project", "一般公共预算项目支出", of_sources(S.GENERAL) & PROJECT, True),
    Metric("general.personnel", "一般公共预算人员经费", GENERAL_BASIC & PERSONNEL_CLASS),
    Metric("general.public", "一般公共预算公用经费", GENERAL_BASIC & ~PERSONNEL_CLASS),
    Metric("fund.basic", "政府性基金预算基本支出", of_sources(S.FUND) & BASIC),
    Metric("fund.project", "政府性基金预算项目支出", of_sources(S.FUND) & PROJECT),
    Metric("state_capital.basic", "国有资本经营预算基本支出", of_sources(S.STATE_CAPITAL) & BASIC),
    Metric("state_capital.project", "国有资本经营预算项目支出", of_sources(S.STATE_CAPITAL) & PROJECT),
    *(Metric(item.metric, item.label, fiscal(item.codes), True) for item in THREE_PUBLIC),
    Metric("three_public.total", "“三公”经费", fiscal(THREE_PUBLIC_CODES), True),
    Metric("operating_expenses", "机关运行经费", GENERAL_BASIC & IN_OFFICE & ~PERSONNEL_CLASS, True),
]}
# The general budget's figure of one functional 项, e.g. general.function.2080505: compared too.
FUNCTION_METRIC = re.compile(r"general\.function\.([0-9]{7})")
# 主要用于 texts per 类, 款 or 项 (revision 2; revision 1 had 类 only).
USAGE_KEY = re.compile(r"function\.([0-9]{3}|[0-9]{5}|[0-9]{7})")


def is_metric(key):
    """Whether a prior-year figure (or a reason text) may be given for `key`."""
    metric = METRICS.get(key)
    return metric.compared if metric else bool(FUNCTION_METRIC.fullmatch(key))


def is_usage_key(key):
    return bool(USAGE_KEY.fullmatch(key))


def function_metric(code):
    return f"general.function.{code}"


def key_label(key, names):
    """The Chinese name of a key of 上年预算数, 变动原因 or 主要用于, `names` {functional code: name}:
    '基本支出', '一般公共预算 2080505 机关事业单位基本养老保险缴费支出', '208 社会保障和就业支出'."""
    for pattern, prefix in ((FUNCTION_METRIC, "一般公共预算 "), (USAGE_KEY, "")):
        found = pattern.fullmatch(key)
        if found:
            return f"{prefix}{found[1]} {names.get(found[1], '')}".rstrip()
    return METRICS[key].label if key in METRICS else key


@dataclass(frozen=True)
class SourceGroup:
    """A group of fund sources as 表1 and the bureau's pages add them up."""

    label: str
    sources: tuple
    metrics: tuple  # the compared metrics that add up to it


# In the order of 表1.
SOURCE_GROUPS = [
    SourceGroup("一般公共预算拨款", S.GENERAL, ("income.general_budget",)),
    SourceGroup("政府性基金预算拨款", S.FUND, ("income.fund_budget",)),
    SourceGroup("国有资本经营预算拨款", S.STATE_CAPITAL, ("income.state_capital_budget",)),
    SourceGroup("财政专户管理资金", (S.Source.SPECIAL_ACCOUNT,), ("income.special_account",)),
    SourceGroup("单位资金", S.UNIT_FUNDS, ("income.unit_funds",)),
    SourceGroup("上年结转结余", S.CARRYOVER_AND_BALANCE, ("income.carryover_fiscal", "income.balance_nonfiscal")),
]
# The three budgets of 财政拨款 (表4, 表10, the document's section 四).
FISCAL_GROUPS = SOURCE_GROUPS[:3]
TOTAL = METRICS["income.total"]


def source_metrics(sums):
    """{metric: amount} of the catalogue's metrics that are sums of fund sources, from
    `sums` (ClassSums of some lines): the same figures as `metrics.metrics_of` gives for them."""
    return {m.key: sums.of_sources(m.sources) for m in METRICS.values() if m.sources is not None}


def general_function_metrics(sums):
    """{general.function.<项>: amount} from `sums` (ClassSums by 项): the general budget's figure of
    each 项, as `metrics.metrics_of` gives them."""
    totals = {}
    for (code, source), amount in sums.items():
        if source in S.GENERAL:
            totals[function_metric(code)] = totals.get(function_metric(code), 0) + amount
    return {key: amount for key, amount in totals.items() if amount}
