"""Template filters of the reviewer's pages."""
from django import template

from budget.figures.money import WAN_YUAN, exact

register = template.Library()


@register.filter
def wan_exact(yuan):
    """A line amount in 万元, exactly: '191.25', '0.0001' for 1 元 (a diff must show every change)."""
    return "—" if yuan is None else exact(yuan, WAN_YUAN, grouping=True)
