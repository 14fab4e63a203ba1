"""Template tags of the workbench: the admin's index leads an accountant to its budgets' home pages."""
from django import template

from budget.budgets import access
from budget.entry.admin.home import home_url

register = template.Library()


@register.inclusion_tag("admin/budgets/budget/_own_budgets.html", takes_context=True)
def own_budgets(context):
    """The department's budgets, newest first, for an accountant; nothing for anyone else."""
    user = context["request"].user
    if user.is_superuser or not access.enters_data(user):
        return {"budgets": []}
    budgets = access.visible_budgets(user).order_by("-year")[:5]
    return {"budgets": [{"budget": b, "url": home_url(b)} for b in budgets]}
