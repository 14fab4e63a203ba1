"""Shared fixtures: the reference exchange file and helpers to import variants of it."""
import copy
import json
from pathlib import Path

import pytest

from budget.exchange.services import budget_import

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
REFERENCE_FILE = SHARED / "fixtures" / "kizilsu-eco-2024.json"


@pytest.fixture
def reference_data():
    """A fresh deep copy of the reference exchange document, free to modify."""
    return copy.deepcopy(_reference())


@pytest.fixture
def reference_budget(db, reference_data):
    return budget_import(data=reference_data)


@pytest.fixture(autouse=True)
def plain_http(settings):
    """Tests speak plain HTTP to the test client; production redirects to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files (publication snapshots) go to a fresh directory, never the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and login failures do not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def quick_pdf(monkeypatch):
    """Publishing stores a stand-in PDF instead of rendering one (WeasyPrint takes seconds)."""
    monkeypatch.setattr("budget.workflow.snapshot.pdf_bytes", lambda budget: b"%PDF-1.7 stand-in\n")


_cache = {}


def _reference():
    if "doc" not in _cache:
        _cache["doc"] = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return _cache["doc"]


def make_user(username, *, department=None, bureau=None, **flags):
    from django.contrib.auth.models import User

    from budget.orgs.models import Profile

    user = User.objects.create_user(username, password="pass", is_staff=True, **flags)
    if department or bureau:
        Profile.objects.create(user=user, department=department, bureau=bureau)
    return user


@pytest.fixture
def accountant(reference_budget):
    """An accountant of the reference budget's department."""
    return make_user("accountant", department=reference_budget.department)


@pytest.fixture
def reviewer(reference_budget):
    """A reviewer at the reference department's finance bureau."""
    return make_user("reviewer", bureau=reference_budget.department.bureau)


@pytest.fixture
def outsider(db):
    """An accountant of another department under another bureau."""
    from budget.orgs.models import Department, FinanceBureau

    bureau = FinanceBureau.objects.create(name="另一财政局")
    return make_user("outsider", department=Department.objects.create(code="999001", name="另一部门", bureau=bureau))
