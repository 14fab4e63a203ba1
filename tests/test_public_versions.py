"""Published versions are immutable: edits change nothing public until version 2 is published.

This test renders the real PDF (twice), so it takes a while.
"""
import pytest
from django.core.cache import cache

from budget.budgets.models import Budget
from budget.workflow.services import budget_publish, set_status

from .workflow_states import bring_to

Status = Budget.Status
BASE = "/budgets/501001/2024/"
FILES = ["document.pdf", "tables.json"]


def public_view(client, base=BASE):
    """The page and the files, fetched afresh (never from the page cache)."""
    cache.clear()
    page = client.get(base)
    assert page.status_code == 200
    return {"page": page.content} | {name: b"".join(client.get(base + name).streaming_content) for name in FILES}


def change_a_line(budget):
    line = budget.lines.filter(kind="basic", source="general_budget").order_by("id").first()
    line.amount += 10000  # 1 万元
    line.save()


def test_it_keeps_the_published_version_until_a_correction_is_published(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    first = public_view(client)
    assert first["document.pdf"].startswith(b"%PDF")
    assert "2,448.62".encode() in first["tables.json"]

    change_a_line(reference_budget)  # even a change behind the workflow's back
    assert public_view(client) == first

    set_status(budget=reference_budget, status=Status.DRAFT, by=accountant, comment="更正一条明细")
    change_a_line(reference_budget)
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=reference_budget, status=Status.APPROVED, by=reviewer)
    assert public_view(client) == first

    budget_publish(budget=reference_budget, by=reviewer, note="更正工资福利支出")
    second = public_view(client)
    for name in ["page"] + FILES:
        assert second[name] != first[name], name
    assert "2,450.62".encode() in second["tables.json"]  # two changes of 1 万元 each
    page = second["page"].decode()
    assert "第 2 版 · 公开于" in page and "更正说明：更正工资福利支出" in page
    assert 'href="/budgets/501001/2024/v/1/">第 1 版</a>' in page

    # Version 1 stays listed and downloadable, byte for byte.
    assert public_view(client, BASE + "v/1/") | {"page": b""} == first | {"page": b""}
    old_page = client.get(BASE + "v/1/").content.decode()
    assert "这是已被更正的第 1 版" in old_page
    body = old_page.split('<div class="document-body">')[1]  # the years' chart shows each year's latest version
    assert "2,448.62" in body and "2,450.62" not in body
    assert 'href="/budgets/501001/2024/v/1/document.pdf"' in old_page
