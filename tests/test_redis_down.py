"""Redis unreachable: the public site serves from the database, logins work, and a publication
whose render cannot be queued stays queued until it is sent again, never lost."""
import socket

import pytest
from django.core.management import call_command
from kombu.exceptions import OperationalError

from budget.budgets.models import Budget
from budget.workflow.models import Publication
from budget.workflow.services import budget_publish

from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "budget.ops.cache.FailSoftRedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}


def test_it_serves_the_public_site_and_logs_in_without_the_cache(client, reference_budget, accountant, reviewer,
                                                                 redis_down):
    bring_to(reference_budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    for url in ("/", "/?year=2024", "/budgets/501001/2024/", "/budgets/501001/2024/tables.json"):
        assert client.get(url).status_code == 200, url
    assert "克孜勒苏柯尔克孜自治州生态环境局" in client.get("/").content.decode()
    response = client.post("/admin/login/", {"username": "accountant", "password": "pass", "next": "/admin/"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_it_keeps_a_publication_queued_when_the_broker_is_down(reference_budget, accountant, reviewer, settings,
                                                               monkeypatch, django_capture_on_commit_callbacks):
    approved = bring_to(reference_budget, Budget.Status.APPROVED, accountant=accountant, reviewer=reviewer)
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def unreachable(publication_id):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("budget.workflow.tasks.render_publication.delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        publication = budget_publish(budget=approved, by=reviewer)
    publication.refresh_from_db()
    assert (publication.render_state, publication.version) == (Publication.RenderState.QUEUED, 1)

    sent = []
    monkeypatch.setattr("budget.workflow.tasks.render_publication.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_renders", "--older-than", "0")  # the broker is back
    assert sent == [publication.pk]
