"""Template filters for amounts stored in 元."""
from django import template

from budget.figures.money import format_wan

register = template.Library()


@register.filter
def wan(yuan):
    """2448620000 → '2,448.62' (万元, two decimals, rounded half up)."""
    return "" if yuan is None or yuan == "" else format_wan(yuan)
