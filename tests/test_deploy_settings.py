"""Production settings read from the environment: object storage, read replica, Celery broker."""
import json
import subprocess
import sys

import pytest
from django.test import RequestFactory

from budget.ops.replica import PublicReadsFromReplica, ReplicaRouter
from budget.workflow.models import Publication
from tests.conftest import REPO

SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; print(json.dumps({"
    "'default': type(storages['default']).__name__, 'bucket': getattr(storages['default'], 'bucket_name', None), "
    "'endpoint': getattr(storages['default'], 'endpoint_url', None), 'databases': sorted(settings.DATABASES), "
    "'replica_test': settings.DATABASES.get('replica', {}).get('TEST'), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL}))"
)


def settings_with(**env):
    base = {"DJANGO_SETTINGS_MODULE": "budget.settings", "PATH": "/usr/bin:/bin", "SECRET_KEY": "s" * 50}
    out = subprocess.run([sys.executable, "-c", SHOW], cwd=REPO, env={**base, **env}, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def test_it_stores_files_locally_by_default():
    shown = settings_with()
    assert shown["default"] == "FileSystemStorage"
    assert shown["databases"] == ["default"]


def test_it_stores_files_in_an_s3_bucket_when_asked():
    shown = settings_with(STORAGE_BACKEND="s3", AWS_STORAGE_BUCKET_NAME="budget-files",
                          AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000")
    assert shown["default"] == "S3Storage"
    assert (shown["bucket"], shown["endpoint"]) == ("budget-files", "http://127.0.0.1:9000")


def test_it_adds_the_replica_mirrored_in_tests():
    shown = settings_with(DATABASE_REPLICA_URL="postgres://reader@10.0.0.2:5432/budget")
    assert shown["databases"] == ["default", "replica"]
    assert shown["replica_test"]["MIRROR"] == "default"


def test_it_queues_tasks_on_redis_when_there_is_one():
    assert settings_with()["eager"] is True
    shown = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")
    assert (shown["eager"], shown["broker"]) == (False, "redis://127.0.0.1:6379/0")


@pytest.mark.parametrize("namespace, expected", [("public", "replica"), ("workflow", None), ("admin", None)])
def test_it_sends_only_public_page_reads_to_the_replica(settings, namespace, expected):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    seen = []

    def view(request):
        seen.append(ReplicaRouter().db_for_read(Publication))
        return "response"

    request = RequestFactory().get("/")
    request.resolver_match = type("Match", (), {"namespace": namespace})()
    middleware = PublicReadsFromReplica(lambda request: middleware.process_view(request, view, (), {}) or view(request))
    middleware(request)
    assert seen == [expected]
    assert ReplicaRouter().db_for_read(Publication) is None  # after the request
    assert ReplicaRouter().db_for_write(Publication) == "default"


def test_it_reads_the_primary_without_a_replica():
    request = RequestFactory().get("/")
    request.resolver_match = type("Match", (), {"namespace": "public"})()
    seen = []
    middleware = PublicReadsFromReplica(
        lambda request: middleware.process_view(request, None, (), {}) or seen.append(ReplicaRouter().db_for_read(Publication))
    )
    middleware(request)
    assert seen == [None]
