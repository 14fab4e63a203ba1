"""Data entry on the budget's admin page: lines inline, totals by source and kind, the panel."""
import re

import pytest

from budget.budgets.models import Budget, Line
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.orgs.models import Profile

from .admin_pages import form_data, inline_rows
from .conftest import make_user


def page(budget):
    return f"/admin/budgets/budget/{budget.pk}/change/"


def totals(html):
    """{source label: [basic, project, total]} from the page's totals table, and its 合计 row."""
    table = html[html.index('id="budget-totals"'):html.index("</section>", html.index('id="budget-totals"'))]
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td class="amount">[^<]*</td>)+)', table)
    return {label: re.findall(r'<td class="amount">([^<]*)</td>', cells) for label, cells in rows}


def panel_heading(html):
    return re.search(r'id="validation-panel-title">([^<]+)<', html).group(1)


def subject(model, budget, code):
    return model.objects.get(edition=budget.edition, code=code).pk


def new_line(data, budget, **values):
    """Fill the inline's empty form with a line; returns its prefix."""
    prefix = f"lines-{inline_rows(data, 'lines') - 1}"
    fields = {"unit": budget.units.get().pk, "source": "unit_business", "kind": "basic", "project": "", **values}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return prefix


def test_it_shows_the_totals_by_source_and_kind(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(page(reference_budget)).content.decode()
    assert totals(html) == {
        "一般公共预算拨款": ["2,052.42", "136.20", "2,188.62"],
        "其他收入": ["0.00", "260.00", "260.00"],
        "合计": ["2,052.42", "396.20", "2,448.62"],
    }
    assert panel_heading(html) == "校验结果：0 个错误，0 个警告"
    assert 'id="lines-group"' in html


def test_it_adds_a_line_and_shows_the_new_totals(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    new_line(data, reference_budget, function=subject(FunctionalSubject, reference_budget, "2110199"),
             economic=subject(EconomicSubject, reference_budget, "30201"), amount="1.50")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    line = Line.objects.get(budget=reference_budget, source="unit_business")
    assert line.amount == 15000
    html = client.get(url).content.decode()
    assert totals(html)["事业收入"] == ["1.50", "0.00", "1.50"]
    assert totals(html)["合计"] == ["2,053.92", "396.20", "2,450.12"]


def test_it_changes_an_amount_exactly_in_yuan(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    first = Line.objects.filter(budget=reference_budget).order_by("id").first()
    assert data["lines-0-id"] == str(first.pk) and data["lines-0-amount"] == "191.25"
    data["lines-0-amount"] = "191.26"
    assert client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.amount == 1912600


def test_it_refuses_more_than_two_decimals_in_wan_yuan(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    data["lines-0-amount"] = "191.255"
    html = client.post(url, data).content.decode()
    assert "以万元为单位最多两位小数" in html
    assert Line.objects.filter(budget=reference_budget, amount=1912500).exists()


def test_it_takes_fen_from_a_user_who_chose_yuan(client, accountant, reference_budget):
    Profile.objects.filter(user=accountant).update(amount_unit="yuan")
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    assert data["lines-0-amount"] == "1912500.00"
    data["lines-0-amount"] = "1912500.37"
    assert client.post(url, data).status_code == 302
    assert Line.objects.filter(budget=reference_budget, amount="1912500.37").exists()
    assert totals(client.get(url).content.decode())["合计"] == ["20,524,200.37", "3,962,000.00", "24,486,200.37"]


def test_it_keeps_an_amount_with_fen_when_a_wan_yuan_user_saves(client, accountant, reference_budget):
    """万元 with two decimals cannot show 1912500.37 元: the page shows it exactly and takes it back."""
    Line.objects.filter(budget=reference_budget, amount=1912500).update(amount="1912500.37")
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    assert data["lines-0-amount"] == "191.250037"
    assert client.post(url, data).status_code == 302
    assert Line.objects.filter(budget=reference_budget, amount="1912500.37").exists()


def test_it_refuses_a_function_code_of_the_wrong_level(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    prefix = new_line(data, reference_budget, function=subject(FunctionalSubject, reference_budget, "21101"),
                      economic=subject(EconomicSubject, reference_budget, "30201"), amount="1.00")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][3].formset.forms[int(prefix.split("-")[1])].errors
    assert list(errors) == ["function"]
    assert reference_budget.lines.count() == 42


def test_it_refuses_a_repeated_line(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    new_line(data, reference_budget, function=data["lines-0-function"], economic=data["lines-0-economic"],
             source="general_budget", amount="1.00")
    html = client.post(url, data).content.decode()
    assert "第 43 行与第 1 行重复" in html
    assert reference_budget.lines.count() == 42


def test_it_refuses_a_project_line_without_a_project(client, accountant, reference_budget):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    new_line(data, reference_budget, function=data["lines-0-function"], economic=data["lines-0-economic"],
             kind="project", amount="1.00")
    assert "项目支出必须选择项目" in client.post(url, data).content.decode()


def test_it_asks_the_autocomplete_for_codes_of_the_edition_and_level(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(page(reference_budget)).content.decode()
    assert f'data-ajax--url="/admin/autocomplete/?edition={reference_budget.edition_id}"' in html
    found = client.get("/admin/autocomplete/", {
        "app_label": "budgets", "model_name": "line", "field_name": "function", "term": "2110",
        "edition": reference_budget.edition_id}).json()["results"]
    assert found and all(len(item["text"].split()[0]) == 7 for item in found)
    found = client.get("/admin/autocomplete/", {
        "app_label": "budgets", "model_name": "line", "field_name": "economic", "term": "302",
        "edition": reference_budget.edition_id}).json()["results"]
    assert found and all(len(item["text"].split()[0]) == 5 for item in found)


def test_it_adds_a_project_with_indicators_and_the_panel_follows(client, accountant, reference_budget):
    client.force_login(accountant)
    add = f"/admin/budgets/project/add/?budget={reference_budget.pk}"
    data = form_data(client.get(add), "project_form")
    assert data["budget"] == str(reference_budget.pk)
    data.update({"code": "P2024-08", "name": "新增监测项目", "start": "2024-01-01", "end": "2024-12-31",
                 "indicators-TOTAL_FORMS": "2"})
    for i, (name, weight) in enumerate([("监测点位数", "50"), ("数据有效率", "30")]):
        data.update({f"indicators-{i}-level1": "产出指标", f"indicators-{i}-level2": "数量指标",
                     f"indicators-{i}-name": name, f"indicators-{i}-weight": weight, f"indicators-{i}-position": i})
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = reference_budget.projects.get(code="P2024-08")
    assert project.indicators.count() == 2 and set(project.indicators.values_list("budget", flat=True)) == {reference_budget.pk}

    html = client.get(page(reference_budget)).content.decode()
    assert panel_heading(html) == "校验结果：0 个错误，1 个警告"
    assert "项目“新增监测项目”的绩效指标分值权重合计 80，应为 90" in html
    assert f'href="/admin/budgets/project/{project.pk}/change/"' in html

    change = f"/admin/budgets/project/{project.pk}/change/"
    data = form_data(client.get(change), "project_form")
    data["indicators-1-weight"] = "40"
    assert client.post(change, data).status_code == 302
    assert panel_heading(client.get(page(reference_budget)).content.decode()) == "校验结果：0 个错误，0 个警告"


def test_it_offers_only_the_budgets_the_user_may_change_for_a_new_project(client, accountant, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    client.force_login(accountant)
    response = client.get("/admin/budgets/project/add/")
    assert list(response.context["adminform"].form.fields["budget"].queryset) == []


def test_it_creates_a_budget_with_the_parts_every_budget_has(client, accountant, reference_budget):
    client.force_login(accountant)
    form = client.get("/admin/budgets/budget/add/").context["adminform"].form
    assert list(form.fields["department"].queryset) == [reference_budget.department]
    response = client.post("/admin/budgets/budget/add/", {
        "department": reference_budget.department.pk, "year": "2025", "edition": reference_budget.edition_id})
    budget = Budget.objects.get(year=2025)
    assert response["Location"] == f"/admin/budgets/budget/{budget.pk}/home/"  # the new budget's home
    assert budget.status == Budget.Status.DRAFT
    assert [(u.code, u.name) for u in budget.units.all()] == [("501001", "克孜勒苏柯尔克孜自治州生态环境局")]
    assert budget.assets.as_of.isoformat() == "2024-12-31"
    html = client.get(page(budget)).content.decode()
    assert "缺少" not in html and "没有填写主要职能" in html and "没有填写机构设置" in html


def test_it_links_to_the_document_and_its_pdf(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(page(reference_budget)).content.decode()
    assert 'href="/manage/budgets/501001/2024/"' in html
    assert 'href="/manage/budgets/501001/2024/document.pdf"' in html
    assert 'href="/manage/budgets/501001/2024/tables/"' in html


@pytest.mark.parametrize("url", ["/admin/budgets/budget/{pk}/change/", "/admin/budgets/budget/{pk}/validation/"])
def test_it_shows_a_reviewer_a_submitted_budget_read_only_in_wan_yuan(client, reviewer, reference_budget, url):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    client.force_login(reviewer)
    html = client.get(url.format(pk=reference_budget.pk)).content.decode()
    assert 'name="_save"' not in html and 'name="lines-0-amount"' not in html
    if "change" in url:
        assert "2,448.62" in html and "191.25" in html


def test_it_lets_a_superuser_see_every_budget(client, reference_budget):
    admin_user = make_user("root", is_superuser=True)
    client.force_login(admin_user)
    assert client.get(page(reference_budget)).status_code == 200
    assert client.get(f"/admin/budgets/budget/{reference_budget.pk}/lines/upload/").status_code == 200


def test_it_sends_a_large_budgets_lines_to_the_line_list(client, db):
    from bench.generate import generate_budget

    from budget.entry.admin.lines import INLINE_LIMIT
    from budget.exchange.services import budget_import

    budget = budget_import(data=generate_budget(lines=INLINE_LIMIT + 1, department_code="990001"))
    client.force_login(make_user("big", department=budget.department))
    html = client.get(page(budget)).content.decode()
    assert 'id="lines-group"' not in html
    assert f'共 {INLINE_LIMIT + 1} 条明细' in html
    assert f'href="/admin/budgets/line/?budget={budget.pk}"' in html
    assert client.get(f"/admin/budgets/line/?budget={budget.pk}").context["cl"].result_count == INLINE_LIMIT + 1


def test_it_links_each_finding_to_the_part_of_the_page_it_concerns(client, accountant, reference_budget):
    from budget.budgets import models as m

    m.Overview.objects.filter(budget=reference_budget).update(structure="")
    reference_budget.explanations.filter(key="general.project").delete()
    client.force_login(accountant)
    html = client.get(page(reference_budget)).content.decode()
    # In words: the section, the part and the field or key, never `overview.structure`; the link opens the section.
    sections = f"/admin/budgets/budget/{reference_budget.pk}/section"
    assert f'href="{sections}/overview/#overview-group">概况 · 部门概况 · 机构设置</a>' in html
    assert f'href="{sections}/narrative/#explanations-group">情况说明与上年数 · 情况说明文字 · 一般公共预算项目支出</a>' in html
    # Every part a rule can point to is a group of its section's page.
    from budget.entry.admin.sections import SECTION_OF_PART

    for part in ["units", "overview", "functions", "lines", "procurement", "assets", "vehicles", "target",
                 "indicators", "prior_figures", "explanations"]:
        section_page = client.get(f"{sections}/{SECTION_OF_PART[part].slug}/").content.decode()
        assert f'id="{part}-group"' in section_page, part


def test_it_saves_the_budget_page_with_as_many_lines_as_it_shows_inline(client, db, settings):
    from bench.generate import generate_budget

    from budget.entry.admin.lines import INLINE_LIMIT
    from budget.exchange.services import budget_import

    budget = budget_import(data=generate_budget(lines=INLINE_LIMIT, department_code="990001"))
    client.force_login(make_user("big", department=budget.department))
    data = form_data(client.get(page(budget)), "budget_form")
    assert inline_rows(data, "lines") == INLINE_LIMIT + 1  # and one empty row for a new line
    # Django's default limit of 1,000 fields refused this page and lost what was typed.
    assert 1000 < len(data) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    last = budget.lines.order_by("id").last()
    data[f"lines-{INLINE_LIMIT - 1}-amount"] = "12.34"
    response = client.post(page(budget), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    last.refresh_from_db()
    assert last.amount == 123400


@pytest.mark.parametrize("code", ["501/001", "501 001"])
def test_it_refuses_a_unit_code_that_would_break_its_pages(client, accountant, reference_budget, code):
    client.force_login(accountant)
    url = page(reference_budget)
    data = form_data(client.get(url), "budget_form")
    data["units-0-code"] = code
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"编码只能由字母、数字、“-”和“_”组成：{code}" in response.content.decode()
    assert reference_budget.units.get().code == "501001"
