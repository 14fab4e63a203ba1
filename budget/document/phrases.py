"""The recurring phrases of 预算情况说明: amounts, shares and year-on-year changes."""
from decimal import Decimal

from budget.budgets.money import format_wan, percent, to_wan


def wan(yuan):
    return f"{format_wan(yuan)} 万元"


def share(part, whole):
    return f"占 {percent(part, whole)}%"


def growth(current, prior):
    """Per cent change; from 0 to a positive figure it is 100.00%, from 0 to 0 it is 0.00%."""
    if prior:
        return abs(percent(current - prior, prior))
    return Decimal("100.00") if current else Decimal("0.00")


def change(current, prior):
    """'增加 7.50 万元，增长 30.61%' or '减少 … 下降 …'; None when the prior figure is unknown."""
    if prior is None:
        return None
    difference = current - prior
    if to_wan(difference) < 0:
        return f"减少 {format_wan(-difference)} 万元，下降 {growth(current, prior)}%"
    return f"增加 {format_wan(difference)} 万元，增长 {growth(current, prior)}%"


def against_prior(current, prior):
    """'，比上年预算增加 …' or '' when there is nothing to compare with."""
    phrase = change(current, prior)
    return f"，比上年预算{phrase}" if phrase else ""


def because(reason, colon=False, lead=""):
    """lead + '主要原因是…' (or '主要原因是：…'); '' without a reason text."""
    if not reason:
        return ""
    return f"{lead}主要原因是：{reason}" if colon else f"{lead}主要原因是{reason}"


def listing(names):
    return "、".join(names)


def chinese_date(day):
    return f"{day.year} 年 {day.month} 月 {day.day} 日"
