"""A budget's revision: it moves with every change of the budget's data (optimistic locking).

A form carries the revision it showed; saving it moves the revision from exactly that
number in one UPDATE, so of two people editing the same budget the second is refused
instead of overwriting the first. Changes made without such a form (a line's or a project's
page, an import, an uploaded sheet) move it unconditionally.

Wholesale replacements (an import, an uploaded sheet of lines) delete the old parts without
a history row each: replacing 20,000 lines row by row would double the writes and bury the
edits in the audit trail. The replacement is recorded as one change of the budget instead,
with its reason (see `record_replacement`).
"""
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from .models import AllocationItem, Assets, Budget, DepartmentTarget, Overview, Procurement

# The budget's parts in an order in which deleting them leaves no row pointing at a deleted one.
PARTS = ["lines", "indicators", "projects", "units", "functions", "vehicles", "prior_figures", "explanations"]
SINGLE_PARTS = [Overview, Procurement, Assets, DepartmentTarget]


class StaleRevision(PermissionDenied):
    """The budget moved between the form's check and its save (only without row locks, as on
    SQLite): the whole save is rolled back."""


def bump(*, budget_id, by, seen=None):
    """Move the revision on by one, from `seen` only when given; False when it had moved already."""
    budgets = Budget.objects.filter(pk=budget_id)
    if seen is not None:
        budgets = budgets.filter(revision=seen)
    return budgets.update(revision=F("revision") + 1, revised_by=author(by), revised_at=timezone.now()) == 1


def author(user):
    return user if user is not None and user.is_authenticated else None


def conflict_message(budget):
    """The refusal shown to the second of two people saving the same budget."""
    who = budget.revised_by.get_full_name() or budget.revised_by.username if budget.revised_by else "他人"
    when = timezone.localtime(budget.revised_at or budget.updated_at).strftime("%H:%M")
    return f"此预算已被 {who} 于 {when} 修改，请刷新后重新填写；您的修改未保存"


def delete_quietly(rows):
    """One DELETE without signals, so without a history row each (the caller records one change).

    A plain delete() would load every row to send the signals the history listens to. The
    rows must have no dependents left: nothing cascades.
    """
    rows._raw_delete(rows.db)


def clear_parts(budget):
    """Delete every part of the budget, quietly (see `delete_quietly`)."""
    delete_quietly(AllocationItem.objects.filter(project__budget=budget))
    for related in PARTS:
        delete_quietly(getattr(budget, related).all())
    for model in SINGLE_PARTS:
        delete_quietly(model.objects.filter(budget=budget))


def create_quietly(model, **fields):
    """Create a part of an imported budget without its own history row (the import has one)."""
    obj = model(**fields)
    obj.skip_history_when_saving = True  # read by django-simple-history
    obj.save()
    return obj


def record_replacement(budget, *, reason, by=None):
    """Note on `budget` (saved by the caller) that its parts were replaced, and move its revision.

    The save makes one history row of the budget carrying `reason`; the user comes from the
    request when there is one.
    """
    budget._change_reason = reason
    if budget.pk:
        budget.revision += 1
        budget.revised_by, budget.revised_at = author(by), timezone.now()
