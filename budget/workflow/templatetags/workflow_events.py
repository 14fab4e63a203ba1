"""{% load workflow_events %}{% recent_events %}: the user's recent returns, approvals and
publications (budget.workflow.events), for any home page to include."""
from django import template

from budget.workflow.events import recent_events as events_of

register = template.Library()


@register.inclusion_tag("workflow/_events.html", takes_context=True)
def recent_events(context, limit=8):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"events": events_of(user, limit) if user is not None and user.is_authenticated else []}
