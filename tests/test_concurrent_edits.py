"""Two people editing the same budget: the second save is refused and nothing is lost."""
import pytest
from django.test import Client
from django.utils import timezone

from budget.budgets.models import Budget, Line

from .admin_pages import form_data
from .conftest import make_user


def page(budget):
    return f"/admin/budgets/budget/{budget.pk}/change/"


@pytest.fixture
def colleague(reference_budget):
    return make_user("colleague", department=reference_budget.department, first_name="", last_name="")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def opened(client, budget):
    return form_data(client.get(page(budget)), "budget_form")


def test_it_refuses_the_second_save_and_keeps_the_first(accountant, colleague, reference_budget):
    first, second = signed_in(accountant), signed_in(colleague)
    first_data, second_data = opened(first, reference_budget), opened(second, reference_budget)
    revision = Budget.objects.get(pk=reference_budget.pk).revision
    assert first_data["seen_revision"] == second_data["seen_revision"] == str(revision)

    first_data["other_matters"] = "第一人填写的说明。"
    assert first.post(page(reference_budget), first_data).status_code == 302

    second_data["other_matters"] = "第二人填写的说明。"
    response = second.post(page(reference_budget), second_data)
    html = response.content.decode()
    assert response.status_code == 200
    stored = Budget.objects.get(pk=reference_budget.pk)
    when = timezone.localtime(stored.revised_at).strftime("%H:%M")
    assert f"此预算已被 accountant 于 {when} 修改，请刷新后重新填写；您的修改未保存" in html
    # The second person's input is still in the form, and was not written.
    assert "第二人填写的说明。" in html
    assert stored.other_matters == "第一人填写的说明。"
    assert stored.revision == revision + 1 and stored.revised_by.username == "accountant"


def test_it_refuses_the_second_save_of_a_line_on_the_budget_page(accountant, colleague, reference_budget):
    first, second = signed_in(accountant), signed_in(colleague)
    first_data, second_data = opened(first, reference_budget), opened(second, reference_budget)
    lines = list(reference_budget.lines.order_by("id").values_list("id", "amount"))
    first_data["lines-0-amount"] = "1.11"
    assert first.post(page(reference_budget), first_data).status_code == 302
    second_data["lines-0-amount"] = "2.22"
    second_data["lines-1-amount"] = "3.33"
    assert "您的修改未保存" in second.post(page(reference_budget), second_data).content.decode()
    after = dict(reference_budget.lines.values_list("id", "amount"))
    assert after[lines[0][0]] == 11100  # the first person's 1.11 万元
    assert after[lines[1][0]] == lines[1][1]  # untouched by the refused save


def test_it_refuses_a_page_opened_before_a_line_was_changed_on_its_own_page(accountant, colleague, reference_budget):
    first, second = signed_in(accountant), signed_in(colleague)
    budget_data = opened(second, reference_budget)
    line = Line.objects.filter(budget=reference_budget).order_by("id").first()
    url = f"/admin/budgets/line/{line.pk}/change/"
    line_data = form_data(first.get(url), "line_form")
    line_data["amount"] = "4.44"
    assert first.post(url, line_data).status_code == 302
    budget_data["other_matters"] = "过时页面的说明。"
    assert "此预算已被 accountant 于" in second.post(page(reference_budget), budget_data).content.decode()
    assert Budget.objects.get(pk=reference_budget.pk).other_matters != "过时页面的说明。"
    assert Line.objects.get(pk=line.pk).amount == 44400


def test_it_accepts_a_save_after_a_refresh(accountant, colleague, reference_budget):
    first, second = signed_in(accountant), signed_in(colleague)
    stale = opened(second, reference_budget)
    data = opened(first, reference_budget)
    assert first.post(page(reference_budget), data).status_code == 302
    assert "您的修改未保存" in second.post(page(reference_budget), stale).content.decode()
    fresh = opened(second, reference_budget)
    fresh["other_matters"] = "刷新后填写。"
    assert second.post(page(reference_budget), fresh).status_code == 302
    assert Budget.objects.get(pk=reference_budget.pk).other_matters == "刷新后填写。"


def test_it_moves_the_revision_on_import(reference_budget, reference_data):
    from budget.exchange.services import budget_import

    before = reference_budget.revision
    assert budget_import(data=reference_data).revision == before + 1
    assert Budget.objects.get(pk=reference_budget.pk).revision == before + 1


def test_it_answers_404_to_an_outsider_posting_a_stale_form(outsider, accountant, reference_budget):
    data = opened(signed_in(accountant), reference_budget)
    assert signed_in(outsider).post(page(reference_budget), data).status_code == 404


def line_page(line):
    return f"/admin/budgets/line/{line.pk}/change/"


def test_it_refuses_the_second_save_of_a_line_on_its_own_page(accountant, colleague, reference_budget):
    line = Line.objects.filter(budget=reference_budget).order_by("id").first()
    first, second = signed_in(accountant), signed_in(colleague)
    first_data = form_data(first.get(line_page(line)), "line_form")
    second_data = form_data(second.get(line_page(line)), "line_form")
    first_data["amount"] = "5.55"
    assert first.post(line_page(line), first_data).status_code == 302
    second_data["amount"] = "6.66"
    response = second.post(line_page(line), second_data)
    html = response.content.decode()
    assert response.status_code == 200
    when = timezone.localtime(Budget.objects.get(pk=reference_budget.pk).revised_at).strftime("%H:%M")
    assert f"此预算已被 accountant 于 {when} 修改，请刷新后重新填写；您的修改未保存" in html
    assert 'value="6.66"' in html  # the input is kept
    assert Line.objects.get(pk=line.pk).amount == 55500


def test_it_refuses_a_line_page_opened_before_a_budget_page_save(accountant, colleague, reference_budget):
    line = Line.objects.filter(budget=reference_budget).order_by("id").first()
    first, second = signed_in(accountant), signed_in(colleague)
    line_data = form_data(second.get(line_page(line)), "line_form")
    budget_data = opened(first, reference_budget)
    budget_data["lines-0-amount"] = "7.77"
    assert first.post(page(reference_budget), budget_data).status_code == 302
    line_data["amount"] = "8.88"
    assert "此预算已被 accountant 于" in second.post(line_page(line), line_data).content.decode()
    assert Line.objects.get(pk=line.pk).amount == 77700


def test_it_refuses_a_stale_project_page_with_its_allocation_and_indicators(accountant, colleague, reference_budget):
    project = reference_budget.projects.order_by("position").first()
    url = f"/admin/budgets/project/{project.pk}/change/"
    first, second = signed_in(accountant), signed_in(colleague)
    first_data, second_data = form_data(first.get(url), "project_form"), form_data(second.get(url), "project_form")
    allocation = project.allocation.order_by("position").first()
    indicator = project.indicators.order_by("position").first()
    first_data["name"] = "第一人改的项目名称"
    assert first.post(url, first_data).status_code == 302
    second_data["name"] = "第二人改的项目名称"
    second_data["allocation-0-item"] = "第二人改的分配"
    second_data["indicators-0-name"] = "第二人改的指标"
    response = second.post(url, second_data)
    html = response.content.decode()
    assert "此预算已被 accountant 于" in html and "第二人改的指标" in html
    project.refresh_from_db()
    assert project.name == "第一人改的项目名称"
    assert project.allocation.get(pk=allocation.pk).item == allocation.item
    assert project.indicators.get(pk=indicator.pk).name == indicator.name


def test_a_line_page_saved_after_a_refresh_is_accepted(accountant, colleague, reference_budget):
    line = Line.objects.filter(budget=reference_budget).order_by("id").first()
    first = signed_in(accountant)
    data = form_data(first.get(line_page(line)), "line_form")
    data["amount"] = "9.99"
    assert first.post(line_page(line), data).status_code == 302
    data = form_data(first.get(line_page(line)), "line_form")
    data["amount"] = "10.01"
    assert first.post(line_page(line), data).status_code == 302
    assert Line.objects.get(pk=line.pk).amount == 100100
