"""Bring a budget to any workflow status through the real services, as the real roles would."""
from budget.budgets.models import Budget
from budget.workflow.services import budget_publish, set_status

Status = Budget.Status
ORDER = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.PUBLISHED]


def bring_to(budget, status, *, accountant, reviewer):
    """draft → submitted → returned, or → submitted → approved → published."""
    if status == Status.DRAFT:
        return budget
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
    if status == Status.RETURNED:
        set_status(budget=budget, status=Status.RETURNED, by=reviewer, comment="请补充说明")
    if status in (Status.APPROVED, Status.PUBLISHED):
        set_status(budget=budget, status=Status.APPROVED, by=reviewer)
    if status == Status.PUBLISHED:
        budget_publish(budget=budget, by=reviewer)
    assert budget.status == status
    return budget
