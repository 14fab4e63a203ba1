"""The recurring phrases of 预算情况说明: amounts, shares and year-on-year changes."""
from budget.figures.money import change, percent, wan

__all__ = ["change", "wan"]  # the sentences' amount and change, from budget.figures.money


def share(part, whole):
    return f"占 {percent(part, whole)}%"


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
