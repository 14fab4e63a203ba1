"""`{% next_year_link budget %}`: the link to 编制下一年度预算, for those who may follow it."""
from django import template

from budget.budgets.access import enters_for

register = template.Library()


@register.inclusion_tag("nextyear/link.html", takes_context=True)
def next_year_link(context, budget):
    user = context["request"].user
    return {"budget": budget, "shown": budget is not None and enters_for(user, budget.department_id)}
