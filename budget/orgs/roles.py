"""What a user is in the product, from its `Profile`: the one place that reads the roles.

A user without a profile has no role (unless a superuser, who holds every role).
"""
from .models import ACCOUNTANT, REVIEWER


def profile_of(user):
    return getattr(user, "profile", None) if user.is_authenticated else None


def has_role(user):
    """Whether `user` takes part in budgets at all: a superuser, an accountant or a reviewer."""
    return user.is_active and (user.is_superuser or profile_of(user) is not None)


def enters_data(user):
    """Whether `user` may create budgets and their parts: accountants and superusers."""
    if not user.is_active:
        return False
    profile = profile_of(user)
    return user.is_superuser or bool(profile and profile.enters_data)


def reviews(user):
    """Whether `user` has a review queue and a consolidated view: reviewers and superusers."""
    profile = profile_of(user)
    return user.is_superuser or bool(profile and profile.reviews)


def roles_toward(user, department):
    """The roles `user` holds towards `department`'s budgets."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {ACCOUNTANT, REVIEWER}
    profile = profile_of(user)
    return set() if profile is None else profile.roles_toward(department)
