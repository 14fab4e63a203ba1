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


_cache = {}


def _reference():
    if "doc" not in _cache:
        _cache["doc"] = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return _cache["doc"]
