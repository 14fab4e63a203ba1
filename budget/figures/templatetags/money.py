"""Template filters for amounts stored in 元."""
from django import template

from budget.figures.money import format_wan

register = template.Library()


@register.filter
def wan(yuan):
    """2448620000 → '2,448.62' (万元, two decimals, rounded half up)."""
    return "" if yuan is None or yuan == "" else format_wan(yuan)


@register.filter
def yuan(amount):
    """10308000 → '10,308,000.00' (元, two decimals)."""
    return "" if amount is None or amount == "" else f"{amount:,.2f}"
