"""Keys of the prior-year figures (`comparison`) and of the narrative texts."""
import re

FIXED_METRICS = {
    "income.total", "income.general_budget", "income.fund_budget", "income.state_capital_budget",
    "income.special_account", "income.unit_funds", "income.carryover_fiscal", "income.balance_nonfiscal",
    "expenditure.basic", "expenditure.project", "general.basic", "general.project",
    "three_public.total", "three_public.overseas", "three_public.vehicle_purchase",
    "three_public.vehicle_operation", "three_public.reception", "operating_expenses",
}
# fullmatch and ASCII digits: "$" alone would let a trailing newline through.
FUNCTION_METRIC = re.compile(r"general\.function\.[0-9]{7}")
# 主要用于 texts per 类, 款 or 项 (revision 2; revision 1 had 类 only).
USAGE_KEY = re.compile(r"function\.([0-9]{3}|[0-9]{5}|[0-9]{7})")


def is_metric(key):
    return key in FIXED_METRICS or bool(FUNCTION_METRIC.fullmatch(key))


def is_usage_key(key):
    return bool(USAGE_KEY.fullmatch(key))
