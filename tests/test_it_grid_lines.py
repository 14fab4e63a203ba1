"""The grid's pages of lines (JSON): filtered, sorted and paged in the database, for whom may read."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.exchange.services import budget_import

from .conftest import make_user
from .grid_requests import lines_url


def rows(client, budget, query=""):
    response = client.get(lines_url(budget, query))
    assert response.status_code == 200
    return response.json()


def test_it_gives_the_first_page_in_the_users_unit(client, accountant, reference_budget):
    client.force_login(accountant)
    page = rows(client, reference_budget, "?size=2")
    assert page["count"] == 42 and page["last_page"] == 21 and page["offset"] == 0
    first = page["data"][0]
    # 表3: 208 05 05 机关事业单位基本养老保险缴费支出 191.25 万元.
    assert {key: first[key] for key in ("unit", "function", "function_name", "economic", "source", "kind", "amount",
                                        "project")} == {
        "unit": "501001", "function": "2080505", "function_name": "机关事业单位基本养老保险缴费支出",
        "economic": "30108", "source": "一般公共预算拨款", "kind": "基本支出", "amount": "191.25", "project": ""}
    assert page["totals"]["total"]["amounts"] == ["2,052.42", "396.20", "2,448.62"]
    accountant.profile.amount_unit = "yuan"
    accountant.profile.save()
    assert rows(client, reference_budget, "?size=1")["data"][0]["amount"] == "1912500.00"


def test_it_filters_by_each_column(client, accountant, reference_budget):
    client.force_login(accountant)
    by = {query: rows(client, reference_budget, f"?size=500&{query}")["data"] for query in (
        "function=211", "economic=30101", "source=unit_other", "kind=project", "project=P2024-01", "unit=501001",
        "unit=999999")}
    assert {row["function"][:3] for row in by["function=211"]} == {"211"}
    # 表8: 301 01 基本工资 402.08.
    assert [row["amount"] for row in by["economic=30101"]] == ["402.08"]
    # 其他收入 260.00 in all, every line of it 项目支出.
    assert {row["kind"] for row in by["source=unit_other"]} == {"项目支出"}
    assert sum(float(row["amount"]) for row in by["source=unit_other"]) == pytest.approx(260.00)
    assert sum(float(row["amount"]) for row in by["kind=project"]) == pytest.approx(396.20)
    assert {row["project"] for row in by["project=P2024-01"]} == {"P2024-01"}
    assert len(by["unit=501001"]) == 42 and by["unit=999999"] == []


def test_it_sorts_and_pages(client, accountant, reference_budget):
    client.force_login(accountant)
    # 表8: 301 02 津贴补贴 695.83, then 301 01 基本工资 402.08 are the largest lines.
    assert [r["amount"] for r in rows(client, reference_budget, "?sort=amount&dir=desc&size=2")["data"]] == [
        "695.83", "402.08"]
    pages = [rows(client, reference_budget, f"?size=10&page={n}")["data"] for n in range(1, 6)]
    ids = [row["id"] for page in pages for row in page]
    assert len(ids) == 42 == len(set(ids)) and ids == sorted(ids)
    assert rows(client, reference_budget, "?size=10&page=99")["offset"] == 40  # the last page
    assert rows(client, reference_budget, "?sort=nonsense&page=x&size=-1")["offset"] == 0


def test_it_reads_a_page_with_as_many_queries_whatever_the_size(client, accountant, reference_budget):
    from bench.generate import generate_budget

    client.force_login(accountant)
    larger = budget_import(data=generate_budget(lines=600, department_code="990077"))
    big_user = make_user("big", department=larger.department)
    counts = []
    for user, budget in ((accountant, reference_budget), (big_user, larger)):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            rows(client, budget, "?size=500")
        counts.append(len(queries))
    assert larger.lines.count() > reference_budget.lines.count()
    assert counts[0] == counts[1]


def test_it_lets_a_reviewer_read_a_submitted_budget(client, reviewer, published):
    client.force_login(reviewer)
    assert rows(client, published)["count"] == 42


def test_it_answers_404_to_an_outsider(client, outsider, reference_budget):
    client.force_login(outsider)
    assert client.get(lines_url(reference_budget)).status_code == 404
