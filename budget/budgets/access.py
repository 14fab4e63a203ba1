"""Who may see and change which budget. Every view and admin class asks here.

An accountant sees its own department's budgets and changes them while they are editable;
a reviewer sees the budgets its bureau reviews once they leave the department (never a
draft); a superuser sees everything. Outsiders get 404, so that nothing reveals whether a
budget exists; a visible but read-only budget gets 403 for a change.

The admin grants its model permissions from the same rules (`has_role`, `enters_data`,
`can_edit`), so nobody needs per-user permission rows.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from budget.orgs.roles import enters_data, has_role, profile_of

from .models import Budget

__all__ = ["has_role", "enters_data", "profile_of"]  # the admin asks here, as every view does


def visible_budgets(user):
    """The budgets `user` may read (published ones are public through the public site)."""
    budgets = Budget.objects.select_related("department", "department__bureau", "edition")
    if not user.is_authenticated or not user.is_active:
        return budgets.none()
    if user.is_superuser:
        return budgets
    profile = profile_of(user)
    if profile is None:
        return budgets.none()
    if profile.enters_data:
        return budgets.filter(department_id=profile.department_id)
    return budgets.filter(department__bureau_id=profile.bureau_id).exclude(status=Budget.Status.DRAFT)


def scoped(queryset, user, path="budget"):
    """Rows of `queryset` that belong, through `path`, to a budget `user` may read."""
    return queryset.filter(**{f"{path}__in": visible_budgets(user)})


def editable_budgets(user):
    """The budgets `user` may change now (the queryset form of `can_edit`)."""
    if not enters_data(user):
        return Budget.objects.none()
    return visible_budgets(user).filter(status__in=Budget.EDITABLE)


def can_edit(user, budget):
    """Data entry is the department's: its accountants (or a superuser) while editable."""
    return budget.is_editable and enters_for(user, budget.department_id)


def enters_for(user, department_id):
    """Whether `user` enters the department's data (its accountants, or a superuser): who may
    change its editable budgets and start a new year of it."""
    if user.is_superuser:
        return True
    profile = profile_of(user)
    return bool(profile and profile.department_id == department_id)


def get_budget_for_user(user, department_code, year, *, write=False):
    """The budget, 404 when `user` may not see it, 403 when it may see but not change it."""
    return checked(visible_budgets(user).filter(department__code=department_code, year=year).first(), user, write)


def get_budget_by_id(user, pk, *, write=False):
    """The same for a budget named by its id (the admin's pages are)."""
    return checked(visible_budgets(user).filter(pk=pk).first(), user, write)


def checked(budget, user, write):
    if budget is None:
        raise Http404("没有这份预算")
    if write and not can_edit(user, budget):
        raise PermissionDenied("这份预算当前不能修改")
    return budget
