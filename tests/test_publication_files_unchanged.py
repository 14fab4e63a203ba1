"""The reference budget's publication files stay byte for byte what they were before the
templates' chapters became data (issue 17): the sha256 of each file as the product wrote it at
commit 12cbc78. A change that means to alter the xinjiang-2024 document updates these on purpose.

The JSON files have been written without indent since (62cd443, for speed): they are compared
as the indented text they were then, key order included, so every value is still checked."""
import hashlib
import json

import pytest

from budget.workflow.snapshot import render_files

BEFORE = {
    "body_html": "7654feab64baa5b3af03f065b045506eb1fb2b627fec1bba651f83568a253637",
    "tables_json": "453c5e8c1b74f544cabe1fb935cf72d1f8f0cfb4350df8e4dfd93498b1db19e1",
    "exchange_json": "205b4a14f07d0c8cadc1b35d801fbfc9b319c4f33bbbb7266d34e27f2c9f2f91",
}


@pytest.fixture
def files(reference_budget, monkeypatch):
    monkeypatch.setattr("budget.workflow.snapshot.pdf_bytes", lambda budget: b"")
    return render_files(reference_budget)


def as_written_before(field, content):
    if field == "body_html":
        return content
    return (json.dumps(json.loads(content), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize("field", sorted(BEFORE))
def test_it_writes_the_reference_files_as_before(files, field):
    assert hashlib.sha256(as_written_before(field, files[field][1])).hexdigest() == BEFORE[field]
