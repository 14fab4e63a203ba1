"""A version made public stays public when the broker cannot take its open-data rebuild."""
import pytest
from kombu.exceptions import OperationalError

from budget.opendata import tasks
from budget.workflow.models import Publication

pytestmark = pytest.mark.usefixtures("quick_pdf")


def test_it_does_not_fail_the_render_that_made_a_version_public(published, settings, monkeypatch,
                                                               django_capture_on_commit_callbacks):
    publication = Publication.objects.get()
    assert publication.render_state == Publication.RenderState.DONE
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in production: the rebuild goes to the broker

    asked = []

    def broker_down(*args, **kwargs):
        asked.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.rebuild_bundles, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        publication.save()  # what the render does when it marks the version done
    assert asked == [((2024, publication.budget.department.bureau_id),)]  # asked for, and its failure stayed there
    publication.refresh_from_db()
    assert publication.render_state == Publication.RenderState.DONE
