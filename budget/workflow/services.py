"""Moving a budget through the workflow: `set_status` for every move, `budget_publish` to publish.

Both lock the budget row, check the move against the transition map and the user's roles,
change the status and record a `StatusChange` in one transaction.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from budget.budgets.models import Budget
from budget.budgets.publication import template_of
from budget.exchange.services import budget_export
from budget.figures.metrics import record_published
from budget.figures.money import YUAN
from budget.validation import validate

from .events import notify
from .models import Publication, StatusChange, Submission
from .tasks import enqueue_render
from .transitions import find, may

Status = Budget.Status


class TransitionNotAllowed(PermissionDenied):
    """The move is illegal from the current status, or the user may not make it."""


class TransitionRefused(ValidationError):
    """The move is allowed but cannot be made yet: a comment is missing, the data has errors."""


def validation_errors(budget):
    """Messages of the validation findings of severity "error": they block a submission."""
    return [str(finding) for finding in validate(budget) if finding.is_error]


def set_status(*, budget, status, by, comment=""):
    """Move `budget` to `status` as user `by`; returns the StatusChange.

    Raises TransitionNotAllowed (a PermissionDenied) for an illegal or forbidden move and
    TransitionRefused (a ValidationError) when the move must wait. Publishing needs the
    snapshot: use `budget_publish`.
    """
    if status == Status.PUBLISHED:
        raise TransitionNotAllowed("公开须通过 budget_publish，以保存公开版本")
    with transaction.atomic():
        locked = _lock(budget)
        transition = _check(locked, status, by, comment)
        if locked.status == Status.PUBLISHED and locked.publications.filter(
            render_state__in=[Publication.RenderState.QUEUED, Publication.RenderState.RENDERING]
        ).exists():
            # The files are rendered from the budget's data: it must not change before they are.
            raise TransitionRefused("公开文件正在生成，生成完成后才能发起更正")
        if status == Status.SUBMITTED:
            errors = validation_errors(locked)
            if errors:
                raise TransitionRefused(["预算数据有错误，不能报送："] + errors)
        change = _move(locked, transition.target, by, comment)
        if status == Status.SUBMITTED:
            Submission.objects.create(change=change, document=budget_export(budget=locked, amount_unit=YUAN))
        notify(change)
    budget.status = locked.status
    return change


def next_version(budget):
    """The version number that publishing `budget` now creates."""
    return (budget.publications.aggregate(last=Max("version"))["last"] or 0) + 1


def budget_publish(*, budget, by, note="", version=None):
    """Publish an approved budget as its next version; returns the Publication.

    A version after the first corrects a published one and needs a change `note`. `version` is
    the number the user confirmed: refused when another version was published meanwhile. The
    files are rendered in the background: the public site shows the version once they are done.
    """
    with transaction.atomic():
        locked = _lock(budget)
        transition = _check(locked, Status.PUBLISHED, by, note)
        if version is not None and version != next_version(locked):
            raise TransitionRefused(f"确认的是第 {version} 版，现在公开将是第 {next_version(locked)} 版：请重新确认")
        version = next_version(locked)
        if version > 1 and not note.strip():
            raise TransitionRefused("更正后再次公开须填写更正说明")
        if locked.published_on is None:
            locked.published_on = timezone.localdate()
            locked.save(update_fields=["published_on", "updated_at"])
        publication = Publication.objects.create(
            budget=locked, version=version, by=by, note=note.strip(), department_code=locked.department.code,
            department_name=locked.department.name, department_short_name=locked.department.short_name,
            year=locked.year, template=template_of(locked),
        )
        record_published(budget=locked, version=version)  # the next year's 上年预算数
        notify(_move(locked, transition.target, by, note))
        enqueue_render(publication)
    budget.status, budget.published_on = locked.status, locked.published_on
    publication.refresh_from_db()
    return publication


def _lock(budget):
    return Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)


def _check(budget, status, by, comment):
    transition = find(budget.status, status)
    if transition is None:
        raise TransitionNotAllowed(
            f"状态为“{budget.get_status_display()}”的预算不能改为“{Status(status).label}”"
        )
    if not may(by, budget, transition):
        raise TransitionNotAllowed(f"你不能对这份预算执行“{transition.label}”")
    if transition.comment_required and not comment.strip():
        raise TransitionRefused(f"“{transition.label}”须填写意见")
    return transition


def _move(budget, status, by, comment):
    change = StatusChange.objects.create(
        budget=budget, source=budget.status, target=status, by=by, comment=comment.strip()
    )
    budget.status = status
    budget.save(update_fields=["status", "updated_at"])
    return change
