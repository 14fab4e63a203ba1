"""The document page: four parts in order, user text escaped, constant queries, access."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.exchange.services import budget_import

URL = "/manage/budgets/501001/2024/"


def test_it_shows_the_four_parts_in_order(client, accountant):
    client.force_login(accountant)
    html = client.get(URL).content.decode()
    positions = [html.index(f'id="part-{n}"') for n in range(1, 5)]
    assert positions == sorted(positions)
    assert html.index('id="table-1"') < html.index('id="table-11"') < html.index('id="part-3"')
    assert '<a href="#table-7">' in html
    assert "克孜勒苏柯尔克孜自治州生态环境局编制数 40，实有人数 56 人，其中：在职 29 人，减少 3 人；退休 27 人，增加 11 人；离休 0 人，增加 0 人。" in html
    assert "一般公共预算 2,188.62 万元，占 89.38%，比上年预算增加 1,462.25 万元，增长 201.31%" in html
    assert "2024年02月25日" in html
    assert "第四部分 名词解释" in html and "机关运行经费" in html


def test_it_shows_the_performance_target_tables(client, accountant):
    client.force_login(accountant)
    html = client.get(URL).content.decode()
    assert html.count("项目支出绩效目标表") == 7
    assert "部门整体绩效目标表" in html
    assert '<td colspan="2" class="amount">2,188.62</td>' in html  # 本级安排
    assert "&gt;=75%" in html  # 农村生活垃圾治理率


def test_it_escapes_text_entered_by_users(client, accountant, reference_data):
    reference_data["narrative"]["reasons"]["income.general_budget"] = "<script>alert(1)</script>"
    budget_import(data=reference_data)
    client.force_login(accountant)
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_needs_the_same_queries_for_a_bigger_budget(client, accountant, reference_data):
    client.force_login(accountant)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for i, code in enumerate(["30201", "30202", "30205", "30206", "30207", "30209", "30211"]):
        reference_data["lines"].append({"unit": "501001", "function": "2110199", "economic": code,
                                        "source": "unit_business", "kind": "basic", "project": None,
                                        "amount": f"{i + 1}.00"})
    budget_import(data=reference_data)
    with CaptureQueriesContext(connection) as big:
        client.get(URL)
    assert len(big) == len(small)


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_it_hides_a_draft_from_other_organisations(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, reference_budget):
    assert client.get(URL).status_code == 302
