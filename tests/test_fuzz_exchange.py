"""Property-based test of the exchange reader: documents mutated from the reference, a few
changes each, are imported or refused with faults, never an unhandled exception, and a refused
document writes nothing. The examples are drawn afresh on every run (no example database)."""
import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.exchange.reader import BadNumber, ExchangeError
from budget.exchange.services import budget_import

from .conftest import _reference
from .exchange_files import row_counts

# With the Excel fuzz (600) over 2,000 inputs a run, in about a minute and a half.
EXAMPLES = int(__import__("os").environ.get("FUZZ_EXCHANGE_EXAMPLES", 1500))


def node_paths(node, path=()):
    """The path of every value in the document, the document itself first."""
    yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield from node_paths(child, (*path, key))


PATHS = list(node_paths(_reference()))[1:]
# What people and programs get wrong in amounts, codes, dates and keys.
TRICKY = [
    "", " ", "12,5", "1,234.50", "1.2.3", "1e9", "1e9999999", "NaN", "Infinity", "-0", "-1", "１２，５",
    "0.001", "99999999999999999", "20240101", "2024-02-30", "2024-13-01", "501/009", "P2024-01 ", "\x00",
    "\ud800", "a\udfffb", "\n", "general.function.2110301\n", "expenditure.basic", "function.208", "2080505",
    "30108", "501001", "basic", "project", "yuan", "wan_yuan", "克孜勒苏柯尔克孜自治州财政局 ", "=1+1",
]
values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(TRICKY), st.text(max_size=12),
    st.just(BadNumber("9" * 5000, "数字过长")), st.just(BadNumber("NaN")), st.just(BadNumber("-Infinity")),
    st.lists(st.sampled_from(TRICKY), max_size=2), st.dictionaries(st.sampled_from(TRICKY), st.integers(), max_size=2),
)


@st.composite
def mutations(draw):
    """(path, action, value): replace the value at path, delete its key, add a key, or copy an item."""
    path = draw(st.sampled_from(PATHS))
    action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add_key", "copy_item"]))
    return path, action, draw(values), draw(st.sampled_from(TRICKY))


def mutated(changes):
    doc = copy.deepcopy(_reference())
    for path, action, value, key in changes:
        parent = doc
        for step in path[:-1]:
            if not isinstance(parent, (dict, list)) or step not in (parent if isinstance(parent, dict) else range(len(parent))):
                break  # an earlier change removed or replaced this part
            parent = parent[step]
        else:
            apply(parent, path[-1], action, value, key)
    return doc


def apply(parent, last, action, value, key):
    # An earlier change may have put a list where a mapping was: a key of the mapping is no index.
    if isinstance(parent, dict) and last in parent or isinstance(parent, list) and last in range(len(parent)):
        if action == "delete":
            del parent[last]
        elif action == "add_key" and isinstance(parent[last], dict):
            parent[last][key] = value
        elif action == "copy_item" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = value


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=st.lists(mutations(), min_size=1, max_size=3))
def test_a_mutated_file_is_imported_or_refused_cleanly(changes):
    doc = mutated(changes)
    before = row_counts()
    try:
        budget_import(data=doc)
    except ExchangeError as error:
        assert error.faults and all(isinstance(fault, str) for fault in error.faults)
        "\n".join(error.faults).encode("utf-8")  # every message can be printed
        assert row_counts() == before
