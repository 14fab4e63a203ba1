"""Rendering a published version's files in the background (Celery, `celery -A budget worker`).

Publishing stores a queued Publication; `render_publication` renders its files from the
budget's data and marks it done, and only then does the public site show it. A failed attempt
is retried with a growing delay; after the last one the publication is marked failed with the
reason. The task is acknowledged only when it ends, so a worker lost mid-render leaves it to
another (and `manage.py requeue_renders` queues any left stuck).
"""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from budget.budgets.models import Budget
from budget.celery import app
from budget.document.pdf import PdfTooLong

from .models import Publication
from .snapshot import chart_data, render_files, render_unit_files, store_files, store_unit_documents

logger = logging.getLogger(__name__)
State = Publication.RenderState
MAX_RETRIES = 3


class BudgetChanged(Exception):
    """The budget left the published status: its data no longer is what was published."""


def enqueue_render(publication):
    """Queue the rendering of `publication` once it is committed; without a broker, render it now."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # In-process (development, tests): the caller's transaction already sees the row.
        render_publication.delay(publication.pk)
    else:
        transaction.on_commit(lambda: _send(publication.pk))


def _send(publication_id):
    """Hand the render to the broker. Unreachable, the publication stays committed and queued
    (the reviewer sees 排队等待生成) until `requeue_renders` sends it again."""
    try:
        render_publication.delay(publication_id)
    except Exception as error:  # kombu's OperationalError and whatever the transport raises
        logger.error("publication %s stays queued, the broker is unreachable: %s", publication_id, error)


@app.task(bind=True, autoretry_for=(Exception,), dont_autoretry_for=(BudgetChanged, PdfTooLong),
          max_retries=MAX_RETRIES, retry_backoff=30, retry_backoff_max=600, retry_jitter=False)
def render_publication(self, publication_id):
    publication = _start(publication_id)
    if publication is None:
        return
    try:
        budget = Budget.objects.select_related("department", "edition").get(pk=publication.budget_id)
        if budget.status != Budget.Status.PUBLISHED:
            raise BudgetChanged("预算已发起更正，数据已不是公开时的数据，此版本不再生成")
        # The lines are frozen while published, the department is not: a rename since then
        # must not reach this version's files, since the index shows the name frozen then.
        budget.department.name = publication.department_name
        files, chart = render_files(budget, publication), chart_data(budget)
        _finish(publication_id, files, chart, render_unit_files(budget, publication))
    except Exception as error:
        final = isinstance(error, (BudgetChanged, PdfTooLong)) or self.request.retries >= self.max_retries
        _set_state(publication_id, State.FAILED if final else State.QUEUED, f"{type(error).__name__}: {error}")
        logger.warning("render of publication %s failed (attempt %s): %s", publication_id,
                       self.request.retries + 1, error)
        raise


def _start(publication_id):
    """Mark the publication rendering; None when it is already done (a second delivery)."""
    with transaction.atomic():
        publication = Publication.objects.select_for_update().filter(pk=publication_id).first()
        if publication is None or publication.render_state == State.DONE:
            return None
        publication.render_state = State.RENDERING
        publication.render_attempts += 1
        publication.render_changed_at = timezone.now()
        publication.save(update_fields=["render_state", "render_attempts", "render_changed_at"])
    return publication


def _finish(publication_id, files, chart, units=()):
    with transaction.atomic():
        publication = Publication.objects.select_for_update().get(pk=publication_id)
        if publication.render_state == State.DONE:
            return  # another delivery finished first
        store_files(publication=publication, files=files, chart=chart, units=units)
        # Before the version is done: its saving is what the open-data rebuild hears, and the
        # 单位预算 belong in the bundle with it (nobody sees them before the commit).
        store_unit_documents(publication)
        publication.render_state, publication.render_error = State.DONE, ""
        publication.render_changed_at = timezone.now()
        publication.save()


def _set_state(publication_id, state, error):
    Publication.objects.filter(pk=publication_id).exclude(render_state=State.DONE).update(
        render_state=state, render_error=error, render_changed_at=timezone.now()
    )
