"""Rebuilding the open-data ZIPs when a version becomes public (Celery).

A burst of publications (a bureau publishing its departments on one day) asks for many rebuilds
of the same year; each waits a little and is skipped when the bundle already holds every version
shown, so the year is written once for the burst rather than once per budget.
"""
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from budget.celery import app
from budget.orgs.models import FinanceBureau
from budget.workflow.models import Publication

from .bundle import fingerprint, write_bundle
from .models import Bundle

logger = logging.getLogger(__name__)
REBUILD_DELAY = 60  # seconds: what one burst of publications shares


def publication_saved(sender, instance, **kwargs):
    """Signal receiver: a version that is now shown changes its year's bundles."""
    if instance.render_state != Publication.RenderState.DONE:
        return
    bureau_id = instance.budget.department.bureau_id
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        # robust: a broker that cannot take the task must not fail the render that just made
        # this version public (its callback runs inside the render's commit); the next
        # publication, or `build_open_data`, rebuilds the year.
        transaction.on_commit(
            lambda: rebuild_bundles.apply_async((instance.year, bureau_id), countdown=REBUILD_DELAY), robust=True
        )
        return
    # In-process (development, tests): now, and never failing the publication it follows.
    try:
        rebuild_year_and_bureau(instance.year, bureau_id)
    except Exception:
        logger.exception("open data of %s not rebuilt", instance.year)


@app.task(autoretry_for=(Exception,), max_retries=3, retry_backoff=30)
def rebuild_bundles(year, bureau_id):
    rebuild_year_and_bureau(year, bureau_id)


def rebuild_year_and_bureau(year, bureau_id, *, force=False):
    """The year's bundle and the bureau's, each unless it is up to date."""
    rebuild(year=year, bureau=None, force=force)
    rebuild(year=year, bureau=FinanceBureau.objects.get(pk=bureau_id), force=force)


def rebuild(*, year, bureau, force=False):
    """Write the bundle of `year` (and `bureau`) when the versions shown changed (or `force`);
    returns it."""
    current = fingerprint(year, bureau)
    bundle = Bundle.objects.filter(year=year, bureau=bureau).first()
    if bundle and bundle.fingerprint == current and not force:
        return bundle
    with tempfile.TemporaryFile() as target:
        budgets = write_bundle(target, year=year, bureau=bureau)
        target.seek(0)
        return store(year=year, bureau=bureau, target=target, budgets=budgets, fingerprint=current)


def store(*, year, bureau, target, budgets, fingerprint):
    """Save the new file under a name of its own, point the bundle at it, then delete the old
    file: a download under way keeps reading the old one."""
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    name = f"{year}-{bureau.pk}-{stamp}.zip" if bureau else f"{year}-{stamp}.zip"
    with transaction.atomic():
        bundle = Bundle.objects.select_for_update().filter(year=year, bureau=bureau).order_by("pk").first() or Bundle(
            year=year, bureau=bureau)
        old = bundle.file.name if bundle.pk else None
        bundle.file.save(name, File(target), save=False)
        bundle.size, bundle.budgets, bundle.fingerprint = bundle.file.size, budgets, fingerprint
        bundle.built_at = timezone.now()
        bundle.save()
    if old:
        bundle.file.storage.delete(old)
    logger.info("open data %s: %s budgets, %s bytes", bundle, budgets, bundle.size)
    return bundle
