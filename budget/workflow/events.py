"""Telling a department what happened to its budget: the recent events on its accountants' home
page (`recent_events`, shown by templates/workflow/_events.html) and an e-mail to each of them
(`notify`) when the budget is returned, approved or published.

The e-mail goes out once the move is committed and never undoes it: a mail server that is down
is logged, the move stands, and the event is on the home page anyway.
"""
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from budget.budgets.access import scoped
from budget.budgets.models import Budget

from .models import StatusChange

logger = logging.getLogger(__name__)
Status = Budget.Status
# The moves a department is told about: the bureau's decisions on its budget.
TOLD = {Status.RETURNED: "已退回修改", Status.APPROVED: "已审核通过", Status.PUBLISHED: "已公开"}


def recent_events(user, limit=8):
    """The newest returns, approvals and publications of the budgets `user` may read."""
    changes = scoped(StatusChange.objects.filter(target__in=list(TOLD)), user)
    return list(changes.select_related("budget__department", "by").order_by("-at", "-id")[:limit])


def headline(change):
    return f"{change.budget}：{TOLD[change.target]}"


def notify(change):
    """After the commit, e-mail the department's accountants that have an address about `change`."""
    if change.target in TOLD:
        transaction.on_commit(lambda: _send(change))


def recipients(budget):
    users = get_user_model().objects.filter(profile__department_id=budget.department_id, is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _send(change):
    try:
        addresses = recipients(change.budget)
        if not addresses:
            return
        link = settings.SITE_URL + reverse("workflow:budget", args=[change.budget.department.code, change.budget.year])
        lines = [headline(change), f"操作人：{change.by.get_full_name() or change.by.username}",
                 f"时间：{change.at:%Y-%m-%d %H:%M}"]
        if change.comment:
            lines.append(f"{'更正说明' if change.target == Status.PUBLISHED else '意见'}：{change.comment}")
        lines.append(f"查看：{link}")
        send_mail(f"【部门预算】{headline(change)}", "\n".join(lines), None, addresses)
    except Exception as error:  # SMTP, DNS, timeouts: whatever the backend raises
        logger.error("e-mail about %s not sent: %s", change, error)
