"""A budget's sections /admin/budgets/budget/<id>/section/<name>/: each a short page saving only itself."""
import pytest
from django.test import Client

from budget.budgets.models import Budget
from budget.workflow.services import set_status

from .admin_pages import form_data
from .conftest import make_user


def section(budget, name):
    return f"/admin/budgets/budget/{budget.pk}/section/{name}/"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def colleague(reference_budget):
    return make_user("colleague", department=reference_budget.department, first_name="", last_name="")


# Each section's forms, and a part it must not carry.
SECTIONS = {
    "overview": (["units", "overview", "functions"], "lines"),
    "lines": (["lines"], "functions"),
    "projects": (["projects", "target", "indicators"], "lines"),
    "narrative": (["prior_figures", "explanations"], "units"),
    "assets": (["procurement", "assets", "vehicles"], "overview"),
}


@pytest.mark.parametrize("name", SECTIONS)
def test_each_section_carries_only_its_parts(client, accountant, reference_budget, name):
    client.force_login(accountant)
    response = client.get(section(reference_budget, name))
    assert response.status_code == 200
    data = form_data(response, "budget_form")
    parts, other = SECTIONS[name]
    for part in parts:
        assert f"{part}-TOTAL_FORMS" in data, part
    assert f"{other}-TOTAL_FORMS" not in data
    assert ("other_matters" in data) is (name == "narrative")
    assert "seen_revision" in data


def test_saving_a_section_writes_it_and_nothing_else(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(section(reference_budget, "overview")), "budget_form")
    data["overview-0-structure"] = "内设办公室、监测科两个科室。"
    matters = reference_budget.other_matters
    response = client.post(section(reference_budget, "overview"), data)
    assert response.status_code == 302 and response["Location"] == f"/admin/budgets/budget/{reference_budget.pk}/home/"
    reference_budget.refresh_from_db()
    assert reference_budget.overview.structure == "内设办公室、监测科两个科室。"
    assert reference_budget.other_matters == matters and reference_budget.lines.count() == 42
    data = form_data(client.get(section(reference_budget, "overview")), "budget_form")
    assert client.post(section(reference_budget, "overview"), {**data, "_continue": "1"})["Location"] == \
        section(reference_budget, "overview")


def test_a_stale_section_is_refused_with_who_and_its_input_kept(accountant, colleague, reference_budget):
    first, second = signed_in(accountant), signed_in(colleague)
    stale = form_data(second.get(section(reference_budget, "narrative")), "budget_form")
    fresh = form_data(first.get(section(reference_budget, "overview")), "budget_form")
    fresh["overview-0-structure"] = "第一人的机构设置。"
    assert first.post(section(reference_budget, "overview"), fresh).status_code == 302
    stale["other_matters"] = "第二人的其他事项。"
    html = second.post(section(reference_budget, "narrative"), stale).content.decode()
    assert "此预算已被 accountant 于" in html and "您的修改未保存" in html
    assert "第二人的其他事项。" in html  # kept in the form
    reference_budget.refresh_from_db()
    assert reference_budget.other_matters != "第二人的其他事项。"
    assert reference_budget.overview.structure == "第一人的机构设置。"


def test_a_bad_amount_is_a_form_error_naming_the_field(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(section(reference_budget, "assets")), "budget_form")
    before = reference_budget.procurement.goods
    data["procurement-0-goods"] = "12,5"
    response = client.post(section(reference_budget, "assets"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "政府采购货物预算" in html and "errorlist" in html
    reference_budget.procurement.refresh_from_db()
    assert reference_budget.procurement.goods == before


def test_a_new_row_without_an_order_goes_last(client, accountant, reference_budget):
    client.force_login(accountant)
    data = form_data(client.get(section(reference_budget, "overview")), "budget_form")
    rows = int(data["functions-TOTAL_FORMS"])
    assert rows == 5  # the reference's five 主要职能
    data.update({"functions-TOTAL_FORMS": str(rows + 1), f"functions-{rows}-institution": "新设科室",
                 f"functions-{rows}-duties": "负责新的职能。", f"functions-{rows}-position": ""})
    assert client.post(section(reference_budget, "overview"), data).status_code == 302
    assert list(reference_budget.functions.values_list("institution", flat=True))[-1] == "新设科室"
    positions = list(reference_budget.functions.values_list("position", flat=True))
    assert positions == sorted(positions) and len(set(positions)) == rows + 1


def test_the_reviewer_reads_a_submitted_section_but_cannot_save_it(client, accountant, reviewer, reference_budget):
    client.force_login(reviewer)
    assert client.get(section(reference_budget, "overview")).status_code == 404  # a draft
    set_status(budget=reference_budget, status=Budget.Status.SUBMITTED, by=accountant)
    assert client.get(section(reference_budget, "overview")).status_code == 200
    assert client.post(section(reference_budget, "overview"), {}).status_code == 403


def test_an_outsider_gets_404_and_so_does_an_unknown_section(client, outsider, accountant, reference_budget):
    client.force_login(outsider)
    assert client.get(section(reference_budget, "overview")).status_code == 404
    assert client.post(section(reference_budget, "overview"), {}).status_code == 404
    client.force_login(accountant)
    assert client.get(section(reference_budget, "everything")).status_code == 404


def test_the_findings_shown_follow_a_saved_section(client, accountant, reference_budget):
    client.force_login(accountant)
    home = f"/admin/budgets/budget/{reference_budget.pk}/home/"
    assert "校验结果：0 个错误" in client.get(home).content.decode()
    data = form_data(client.get(section(reference_budget, "overview")), "budget_form")
    data["overview-0-structure"] = ""
    assert client.post(section(reference_budget, "overview"), data).status_code == 302
    html = client.get(home).content.decode()
    assert "校验结果：1 个错误" in html and ">概况 · 部门概况 · 机构设置</a>" in html
