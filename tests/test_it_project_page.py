"""A project's page: dates of the budget year, 绩效指标 from the standard framework, new rows last."""
import re

from budget.budgets.models import Budget

from .admin_pages import form_data


def add(budget):
    return f"/admin/budgets/project/add/?budget={budget.pk}"


def test_a_new_project_runs_through_the_budget_year(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(add(reference_budget)), "project_form")
    assert (data["start"], data["end"]) == ("2024/01/01", "2024/12/31")  # as the admin writes dates in Chinese


def test_it_offers_the_framework_and_keeps_free_text(client, accountant, reference_budget):
    client.force_login(accountant)
    project = reference_budget.projects.get(name="执法能力建设项目")
    html = client.get(f"/admin/budgets/project/{project.pk}/change/").content.decode()
    level1 = re.search(r'<datalist id="indicator-level1">(.*?)</datalist>', html, re.S)[1]
    assert re.findall(r'value="([^"]+)"', level1) == ["产出指标", "效益指标", "满意度指标", "成本指标"]
    lists = dict(re.findall(r'<datalist id="(indicator-level2-\d)">(.*?)</datalist>', html, re.S))
    assert re.findall(r'value="([^"]+)"', lists["indicator-level2-0"]) == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert re.findall(r'value="([^"]+)"', lists["indicator-level2-1"]) == [
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert re.findall(r'value="([^"]+)"', lists["indicator-level2-2"]) == ["服务对象满意度指标"]
    assert 'list="indicator-level1"' in html and 'src="/static/workbench/indicators.js"' in html

    data = form_data(client.get(f"/admin/budgets/project/{project.pk}/change/"), "project_form")
    rows = int(data["indicators-TOTAL_FORMS"])
    data.update({"indicators-TOTAL_FORMS": str(rows + 1), f"indicators-{rows}-level1": "履职效能",
                 f"indicators-{rows}-level2": "质量指标", f"indicators-{rows}-name": "执法案件办结率",
                 f"indicators-{rows}-weight": "0", f"indicators-{rows}-position": ""})
    assert client.post(f"/admin/budgets/project/{project.pk}/change/", data).status_code == 302
    last = project.indicators.order_by("position", "id").last()
    assert (last.level1, last.level2, last.name) == ("履职效能", "质量指标", "执法案件办结率")
    assert last.position == rows  # after the reference's indicators of this project, numbered from 0


def test_a_new_project_without_an_order_goes_after_the_others(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(add(reference_budget)), "project_form")
    assert data["position"] == ""
    data.update({"code": "P2024-08", "name": "新增监测项目"})
    assert client.post(add(reference_budget), data).status_code == 302
    names = list(reference_budget.projects.values_list("name", flat=True))  # in their order
    assert len(names) == 8 and names[-1] == "新增监测项目"


def test_dates_are_not_offered_for_a_budget_the_user_may_not_change(client, accountant, outsider, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    client.force_login(accountant)
    data = form_data(client.get(add(reference_budget)), "project_form")
    assert data.get("start", "") == ""
    client.force_login(outsider)
    assert client.get(add(reference_budget)).status_code == 200  # the form; the budget is not among its choices
    assert form_data(client.get(add(reference_budget)), "project_form").get("start", "") == ""
