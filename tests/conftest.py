"""Shared fixtures: the reference exchange file, users by role, and helpers to import variants of it.

Everything the tests read lives in the repository: the reference exchange file is the demo's copy
(budget/demo/data/), published texts and other budgets are in tests/data/. Only
tests/test_shared_copies.py looks at the shared contract beside the checkout, to catch the copies drifting from the contract.
"""
import copy
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from budget.exchange.services import budget_import

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
REFERENCE_FILE = REPO / "budget" / "demo" / "data" / "kizilsu-eco-2024.json"
# The published text of the reference budget (第一部分 … 第四部分), as the finance bureau printed it.
REFERENCE_TEXT = DATA / "kizilsu-eco-2024-budget.txt"
# A real Shanghai district budget (revision 2) and its published text.
CHENGGUAN_FILE = DATA / "shpt-chengguan-2026.json"
CHENGGUAN_TEXT = DATA / "shpt-chengguan-2026-budget.txt"


@pytest.fixture
def reference_data():
    """A fresh deep copy of the reference exchange document, free to modify."""
    return copy.deepcopy(_reference())


@pytest.fixture
def reference_budget(db, reference_data):
    return budget_import(data=reference_data)


@pytest.fixture
def chengguan_data():
    """A fresh copy of the revision-2 Shanghai exchange document, free to modify."""
    return json.loads(CHENGGUAN_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def chengguan_budget(db, chengguan_data):
    return budget_import(data=chengguan_data)


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """PBKDF2 spends a tenth of a second on every user a test creates; MD5 does the same job here.

    A test that needs the production hasher (a backup carrying real hashes) says so with
    `@pytest.mark.real_password_hashing`.
    """
    if "real_password_hashing" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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

    from budget.public.queries import forget_now

    cache.clear()
    forget_now()  # the site's generation held in this process too


@pytest.fixture
def quick_pdf(monkeypatch):
    """Publishing stores a stand-in PDF instead of rendering one (WeasyPrint takes seconds)."""
    monkeypatch.setattr("budget.workflow.snapshot.pdf_bytes", lambda budget: b"%PDF-1.7 stand-in\n")


@pytest.fixture
def published(reference_budget, accountant, reviewer):
    """The reference budget taken through the workflow to 已公开 by its accountant and reviewer."""
    from budget.budgets.models import Budget

    from .workflow_states import bring_to

    return bring_to(reference_budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)


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


def as_department(data, code, *, name=None, bureau=None, scale=None):
    """The exchange document `data` as another department `code` (its units renamed alike).

    `scale` maps economic codes to a factor for their amounts; each project's first allocation
    item absorbs the change so that the allocation still adds up to the project's lines.
    """
    doc = copy.deepcopy(data)
    old = doc["department"]["code"]
    doc["department"].update(code=code, name=name or f"测试部门{code}")
    if bureau:
        doc["department"]["finance_bureau"] = bureau
    for unit in doc["department"]["units"]:
        unit["code"] = unit["code"].replace(old, code)
    added = defaultdict(Decimal)
    for line in doc["lines"]:
        line["unit"] = line["unit"].replace(old, code)
        amount = Decimal(line["amount"]) * (scale or {}).get(line["economic"], 1)
        added[line["project"]] += amount - Decimal(line["amount"])
        line["amount"] = str(amount)
    for project in doc["projects"]:
        if project["allocation"]:
            first = project["allocation"][0]
            first["amount"] = str(Decimal(first["amount"]) + added[project["code"]])
    return doc
