"""The preview of a budget's 表1–表11: access rules and what the page shows."""
import pytest
from django.contrib.auth import get_user_model

URL = "/manage/budgets/501001/2024/tables/"
XLSX_URL = "/manage/budgets/501001/2024/tables.xlsx"

User = get_user_model()


@pytest.fixture
def staff(client, accountant):
    """The department's own accountant."""
    client.force_login(accountant)
    return client


@pytest.fixture
def html(staff, reference_budget):
    response = staff.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_title_block_of_every_table(html):
    assert html.count('<p class="table-meta"><span>编制部门：克孜勒苏柯尔克孜自治州生态环境局</span><span>单位：万元</span></p>') == 11
    assert '<p class="table-number">表 10</p>' in html
    assert '<h2 class="table-title" id="table-10-title">财政拨款“三公”经费支出情况表</h2>' in html


def test_it_groups_the_header_cells_accessibly(html):
    assert "<caption>表 2 部门收入总体情况表</caption>" in html
    assert '<th scope="colgroup" colspan="3">功能分类科目编码</th>' in html
    assert '<th scope="col" rowspan="2">功能分类科目名称</th>' in html
    assert '<th scope="colgroup" colspan="7">财政拨款(补助)</th>' in html
    assert '<th scope="col" rowspan="3">项目名称</th>' in html  # 表11


def test_it_shows_rows_as_the_document_prints_them(html):
    assert ('<tr class="item"><td class="code">211</td><td class="code">01</td><td class="code">99</td>'
            '<td class="label">其他环境保护管理事务支出</td><td class="amount">773.52</td>'
            '<td class="amount">637.32</td><td class="amount">136.20</td></tr>') in html  # 表3
    assert ('<tr class="total"><td class="label">收入总计</td><td class="amount">2,448.62</td>'
            '<td class="label">支出总计</td><td class="amount">2,448.62</td></tr>') in html  # 表1


def test_it_prints_the_note_of_an_empty_table(html):
    assert ("<p class=\"table-note\">备注：克孜勒苏柯尔克孜自治州生态环境局 2024 年没有使用上年结转结余预算安排的支出，"
            "上年结转结余预算支出情况表为空表。</p>") in html


def test_it_links_the_xlsx_download(html):
    assert f'href="{XLSX_URL}"' in html


def test_it_escapes_names(staff, reference_data):
    from budget.exchange.services import budget_import

    reference_data["projects"][0]["name"] = "<b>项目</b>"
    budget_import(data=reference_data)
    html = staff.get(URL).content.decode()
    assert "&lt;b&gt;项目&lt;/b&gt;" in html and "<b>项目</b>" not in html


@pytest.mark.parametrize("url", [URL, XLSX_URL])
def test_it_sends_anonymous_users_to_the_login_page(client, reference_budget, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"


@pytest.mark.parametrize("url", [URL, XLSX_URL])
@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_it_hides_a_draft_from_other_organisations(client, request, url, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [URL, XLSX_URL])
def test_it_hides_budgets_from_users_of_no_organisation(client, reference_budget, url):
    client.force_login(User.objects.create_user("nobody", is_staff=True))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [
    "/manage/budgets/501001/2023/tables/", "/manage/budgets/999999/2024/tables/",
    "/manage/budgets/999999/2024/tables.xlsx",
])
def test_it_answers_404_for_an_unknown_budget(staff, reference_budget, url):
    assert staff.get(url).status_code == 404


def test_it_previews_a_budget_in_its_template(client, chengguan_budget):
    from .conftest import make_user

    client.force_login(make_user("cg", department=chengguan_budget.department))
    html = client.get("/manage/budgets/SHPT-CG/2026/tables/").content.decode()
    # The nine tables of the published text, 表1's 收入总计 47,483,458 元 (page 8).
    assert html.count('class="standard-table') == 9 and "下载 XLSX（表1–表9）" in html
    assert "47,483,458" in html and "单位：元" in html
