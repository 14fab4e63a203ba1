"""The lines grid's page in the admin: who may open it, what it offers."""
import json
import re

from .grid_requests import page_url


def options_of(response):
    html = response.content.decode()
    return json.loads(re.search(r'<script id="grid-options" type="application/json">(.*?)</script>', html, re.S).group(1))


def test_it_shows_the_owner_an_editable_grid_with_the_totals(client, accountant, reference_budget):
    client.force_login(accountant)
    response = client.get(page_url(reference_budget))
    html = response.content.decode()
    assert response.status_code == 200
    assert "明细表格：克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算" in html
    assert 'id="grid-add"' in html and 'data-editable="1"' in html
    # The totals of the published 表 (合计 2,448.62 = 基本支出 2,052.42 + 项目支出 396.20).
    assert re.search(r"合计</th><td class=\"amount\">2,052.42</td><td class=\"amount\">396.20</td>"
                     r"<td class=\"amount\">2,448.62</td>", html)
    assert "vendor/tabulator/tabulator.min.js" in html and "<script>" not in html and "style=" not in html


def test_it_offers_the_budgets_units_projects_and_the_codes_of_its_edition(client, accountant, reference_budget):
    client.force_login(accountant)
    options = options_of(client.get(page_url(reference_budget)))
    assert options["units"] == [["501001", "克孜勒苏柯尔克孜自治州生态环境局"]]
    assert [code for code, _ in options["projects"]] == [f"P2024-0{n}" for n in range(1, 8)]
    assert ["2110101", "行政运行"] in options["functions"] and ["30101", "基本工资"] in options["economics"]
    assert all(len(code) == 7 for code, _ in options["functions"])  # 项 only
    assert all(len(code) == 5 for code, _ in options["economics"])  # 款 only
    assert options["kinds"] == ["基本支出", "项目支出"]


def test_it_shows_a_reviewer_the_grid_read_only(client, reviewer, published):
    client.force_login(reviewer)
    response = client.get(page_url(published))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-editable="0"' in html and 'id="grid-add"' not in html and "表格只供查看" in html


def test_it_shows_a_colleague_the_draft(client, reference_budget):
    from .conftest import make_user

    colleague = make_user("colleague", department=reference_budget.department)
    client.force_login(colleague)
    assert 'data-editable="1"' in client.get(page_url(reference_budget)).content.decode()


def test_it_answers_404_to_an_outsider_and_a_reviewer_of_a_draft(client, outsider, reviewer, reference_budget):
    client.force_login(outsider)
    assert client.get(page_url(reference_budget)).status_code == 404
    client.force_login(reviewer)
    assert client.get(page_url(reference_budget)).status_code == 404  # drafts stay in the department


def test_it_sends_the_anonymous_to_the_login(client, reference_budget):
    response = client.get(page_url(reference_budget))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_it_is_linked_from_the_budget_page_and_its_lines_section(client, accountant, reference_budget):
    from django.urls import reverse

    client.force_login(accountant)
    for url in (f"/admin/budgets/budget/{reference_budget.pk}/change/",
                reverse("admin:budgets_budget_section", args=[reference_budget.pk, "lines"])):
        assert f'href="{page_url(reference_budget)}"' in client.get(url).content.decode()


def test_it_sits_among_the_budgets_sections(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(page_url(reference_budget)).content.decode()
    assert f'href="/admin/budgets/budget/{reference_budget.pk}/home/">预算首页</a>' in html
    assert '>明细</a>' in html and "返回预算首页" in html
