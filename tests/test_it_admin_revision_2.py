"""The admin enters what exchange-format revision 2 adds: unpublished values left empty, the
new project fields with a 实施单位 among the budget's units, planned vehicles per kind."""
import re
from decimal import Decimal

import pytest

from .admin_pages import form_data
from .conftest import make_user


@pytest.fixture
def chengguan_accountant(chengguan_budget):
    return make_user("chengguan", department=chengguan_budget.department)


def test_it_edits_the_new_project_fields(client, chengguan_accountant, chengguan_budget):
    client.force_login(chengguan_accountant)
    project = chengguan_budget.projects.get(code="SHPT-CG-P01")
    url = f"/admin/budgets/project/{project.pk}/change/"
    page = client.get(url)
    units = page.context["adminform"].form.fields["implementing_unit"].queryset
    assert [unit.code for unit in units] == ["SHPT-CG-01"]
    data = form_data(page, "project_form")
    assert (data["total_amount"], data["nature"], "targets_published" in data) == ("", "", False)
    data.update(total_amount="1030.80", total_fiscal="1030.80", nature="经常性项目", category="部门管理类",
                annual_goal="按时足额发放", implementing_unit=str(units[0].pk), targets_published="on")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert (project.total_amount, project.nature, project.implementing_unit.code, project.targets_published) == (
        Decimal("10308000.00"), "经常性项目", "SHPT-CG-01", True)


def test_it_keeps_unpublished_values_empty_on_the_budget_page(client, chengguan_accountant, chengguan_budget):
    client.force_login(chengguan_accountant)
    url = f"/admin/budgets/budget/{chengguan_budget.pk}/change/"
    data = form_data(client.get(url), "budget_form")
    assert (data["overview-0-authorized"], data["assets-0-buildings_value"], data["vehicles-4-value"]) == ("", "", "")
    assert data["vehicles-4-planned"] == "5"
    data["vehicles-4-planned"] = "4"
    data["assets-0-planned_vehicles"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    chengguan_budget.refresh_from_db()
    assert (chengguan_budget.overview.authorized, chengguan_budget.assets.buildings_value) == (None, None)
    assert chengguan_budget.vehicles.get(kind="law_enforcement").planned == 4


def test_it_lists_every_rule_with_its_reason_on_the_validation_page(client, chengguan_accountant, chengguan_budget):
    client.force_login(chengguan_accountant)
    html = client.get(f"/admin/budgets/budget/{chengguan_budget.pk}/validation/").content.decode()
    assert "校验结果：0 个错误，4 个警告" in html
    assert ("<tr><td>警告</td><td>项目有绩效指标（财政部门要求每个项目都有时为错误）</td>"
            "<td>实际公开的预算多数只为选定的项目公开绩效目标；") in html
    assert html.count("<tr><td>警告</td>") + html.count("<tr><td>错误</td>") == 22  # the catalogue's rules
    # The findings say where in words, linking to the row or the section, never a rule id.
    assert len(re.findall(r'<tr class="finding-warning">', html)) == 4
    project = chengguan_budget.projects.get(name="项目支出（2080801）")
    assert (f'<a href="/admin/budgets/project/{project.pk}/change/">项目与绩效 · 项目支出（2080801） · 绩效指标</a>'
            in html)
    assert ">情况说明与上年数 · 情况说明文字 · 收支总预算</a>" in html
    assert ">情况说明与上年数 · 上年预算数 · 收支总预算</a>" in html  # a stored 上年 the Shanghai text never compares
    assert "project.indicators" not in html and "explanations" not in re.sub(r'href="[^"]*"', "", html)


# Offered and taken only where the document prints it: the budget's one 212 line is 2120104
# (whose 主要用于 is stored already), so 2120101 would print nowhere.
@pytest.mark.parametrize("key, accepted", [("function.212", True), ("function.21201", True),
                                           ("function.2120101", False), ("function.2120", False)])
def test_it_takes_a_usage_text_per_class_section_or_item(client, chengguan_accountant, chengguan_budget, key, accepted):
    client.force_login(chengguan_accountant)
    url = f"/admin/budgets/budget/{chengguan_budget.pk}/change/"
    data = form_data(client.get(url), "budget_form")
    row = int(data["explanations-TOTAL_FORMS"])
    data.update({"explanations-TOTAL_FORMS": str(row + 1), f"explanations-{row}-kind": "usage",
                 f"explanations-{row}-key": key, f"explanations-{row}-text": "城管执法"})
    response = client.post(url, data)
    assert (response.status_code == 302) is accepted, response.content.decode()[:2000]
    if not accepted:
        assert f"{key} 不在可用的选项中" in response.content.decode()
