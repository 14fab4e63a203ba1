"""The one map of a budget's legal status moves, and who may make each.

An accountant works for the budget's department, a reviewer at its finance bureau; a
superuser holds both roles. Publishing goes through `services.budget_publish`, which stores
the snapshot; a correction sends a published budget back to draft while the published
version stays public.
"""
from dataclasses import dataclass

from budget.budgets.models import Budget
from budget.orgs.models import ACCOUNTANT, REVIEWER
from budget.orgs.roles import roles_toward

Status = Budget.Status


@dataclass(frozen=True)
class Transition:
    action: str  # the last part of its URL
    label: str  # the button
    sources: tuple
    target: str
    roles: tuple
    comment_required: bool = False


TRANSITIONS = {
    t.action: t
    for t in [
        Transition("submit", "报送审核", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, (ACCOUNTANT,)),
        Transition("return", "退回修改", (Status.SUBMITTED, Status.APPROVED), Status.RETURNED, (REVIEWER,),
                   comment_required=True),
        Transition("approve", "审核通过", (Status.SUBMITTED,), Status.APPROVED, (REVIEWER,)),
        Transition("publish", "公开", (Status.APPROVED,), Status.PUBLISHED, (REVIEWER,)),
        Transition("correct", "发起更正", (Status.PUBLISHED,), Status.DRAFT, (ACCOUNTANT, REVIEWER),
                   comment_required=True),
    ]
}


def find(source, target):
    """The transition from `source` to `target`, or None when that move is illegal."""
    for transition in TRANSITIONS.values():
        if source in transition.sources and transition.target == target:
            return transition
    return None


def may(user, budget, transition):
    return budget.status in transition.sources and bool(roles_toward(user, budget.department) & set(transition.roles))


def allowed(user, budget):
    """The transitions `user` may make on `budget` now, in the map's order."""
    return [t for t in TRANSITIONS.values() if may(user, budget, t)]
