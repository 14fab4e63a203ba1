"""The reviewer's queue /manage/review/: submissions of the bureau with figures, approve / return."""
import copy
import re
from decimal import Decimal

import pytest
from django.db.models import Q

from budget.budgets import sources as S
from budget.budgets.models import Budget, PriorFigure
from budget.bureau.figures import queue_figures
from budget.exchange.services import budget_import
from budget.figures.metrics import PriorFigures, by_function, metrics
from budget.figures.money import format_wan
from budget.workflow.models import StatusChange
from budget.workflow.services import set_status

from .conftest import as_department, make_user

QUEUE = "/manage/review/"
Status = Budget.Status


def section(html, code, year=2024):
    start = html.index(f'id="budget-{code}-{year}"')
    return html[start:html.index("</section>", start)]


def cells(table_html, label):
    """[本年, 上年, 增减] of the row `label` of a comparison table."""
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table_html, re.S).group(1)
    return re.findall(r'<td class="amount[^"]*">([^<]*)</td>', row)


def table(html, css_class):
    start = html.index(f'class="consolidated-table {css_class}"')
    return html[start:html.index("</table>", start)]


def second_department(reference_data, code="501002", status=Status.SUBMITTED, *, accountant_of=None, reviewer=None):
    """Another department of the same bureau, with the reference figures, brought to `status`."""
    budget = budget_import(data=as_department(reference_data, code, name=f"部门{code}"))
    if status != Status.DRAFT:
        accountant = make_user(f"acc{code}", department=budget.department)
        set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
        if status == Status.APPROVED:
            set_status(budget=budget, status=Status.APPROVED, by=reviewer)
    return budget


@pytest.fixture
def submitted(reference_budget, accountant):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    return reference_budget


def test_it_shows_a_submission_with_its_totals_and_validation(client, reviewer, submitted):
    client.force_login(reviewer)
    html = section(client.get(QUEUE).content.decode(), "501001")
    figures = metrics(submitted)
    assert 'data-status="submitted">已报送' in html
    assert f'<dd class="total">{format_wan(figures["income.total"])}</dd>' in html
    assert f'<dd class="general">{format_wan(figures["income.general_budget"])}</dd>' in html
    assert "0 个错误，0 个警告" in html
    assert 'action="/manage/review/501001/2024/approve/"' in html and 'action="/manage/review/501001/2024/return/"' in html


def test_it_compares_the_source_groups_with_the_entered_prior_figures(client, reviewer, submitted):
    client.force_login(reviewer)
    by_source = table(section(client.get(QUEUE).content.decode(), "501001"), "by-source")
    prior, now = PriorFigures(submitted), metrics(submitted)
    general = now["income.general_budget"]
    assert cells(by_source, "一般公共预算拨款") == [
        format_wan(general), format_wan(prior["income.general_budget"]), format_wan(general - prior["income.general_budget"])
    ]
    # Nothing entered for the fund budget and no 2023 budget in the system: unknown.
    assert cells(by_source, "政府性基金预算拨款")[1:] == ["—", "—"]


def test_it_compares_the_general_budget_by_class_with_the_prior_years_budget(client, reviewer, submitted, reference_data):
    reference_data["year"] = 2023
    for line in reference_data["lines"]:
        if line["kind"] == "basic":  # project lines must match their allocation
            line["amount"] = str(Decimal(line["amount"]) + 10)
    prior = budget_import(data=reference_data)
    # Entered 项 figures win over the prior budget's (as in the document): without them, it speaks.
    PriorFigure.objects.filter(budget=submitted, metric__startswith="general.function.").delete()
    Budget.objects.filter(pk=prior.pk).update(status=Status.APPROVED)  # a draft's figures count for nothing yet
    client.force_login(reviewer)
    by_class = table(section(client.get(QUEUE).content.decode(), "501001"), "by-class")
    general = Q(source__in=S.GENERAL)
    now = dict(by_function(submitted, general, length=3))
    before = dict(by_function(prior, general, length=3))
    assert now and set(now) == set(before) and now != before
    for code in now:
        label = re.search(rf'<th scope="row">({code}[^<]*)</th>', by_class).group(1)
        assert cells(by_class, label) == [format_wan(now[code]), format_wan(before[code]), format_wan(now[code] - before[code])]
    # The group without entered figures now comes from the prior budget: 0 fund budget in both years.
    by_source = table(section(client.get(QUEUE).content.decode(), "501001"), "by-source")
    assert cells(by_source, "政府性基金预算拨款") == ["0.00", "0.00", "0.00"]
    assert PriorFigures(submitted)["income.fund_budget"] == 0


def test_it_lists_submissions_first_and_leaves_drafts_and_other_bureaus_out(
    client, reviewer, submitted, reference_data, outsider
):
    approved = second_department(copy.deepcopy(reference_data), "501002", Status.APPROVED, reviewer=reviewer)
    draft = second_department(reference_data, "501003", Status.DRAFT)
    client.force_login(reviewer)
    html = client.get(QUEUE).content.decode()
    assert html.index('id="budget-501001-2024"') < html.index('id="budget-501002-2024"')
    assert 'id="budget-501003-2024"' not in html and draft.status == Status.DRAFT
    assert 'action="/manage/review/501002/2024/return/"' in section(html, "501002")
    assert 'action="/manage/review/501002/2024/approve/"' not in section(html, "501002")
    assert approved.status == Status.APPROVED


def test_it_approves_from_the_queue(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.post("/manage/review/501001/2024/approve/", {"comment": ""}, follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert Budget.objects.get(pk=submitted.pk).status == Status.APPROVED
    assert "已审核通过" in response.content.decode()
    assert StatusChange.objects.filter(budget=submitted, target=Status.APPROVED, by=reviewer).exists()


def test_it_returns_with_a_comment_and_refuses_a_return_without_one(client, reviewer, submitted):
    client.force_login(reviewer)
    html = client.post("/manage/review/501001/2024/return/", {"comment": " "}, follow=True).content.decode()
    assert "“退回修改”须填写意见" in html
    assert Budget.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    client.post("/manage/review/501001/2024/return/", {"comment": "请补充项目绩效指标"})
    assert Budget.objects.get(pk=submitted.pk).status == Status.RETURNED
    assert StatusChange.objects.get(budget=submitted, target=Status.RETURNED).comment == "请补充项目绩效指标"


def test_it_lets_a_colleague_reviewer_see_the_queue(client, submitted):
    colleague = make_user("colleague-reviewer", bureau=submitted.department.bureau)
    client.force_login(colleague)
    assert 'id="budget-501001-2024"' in client.get(QUEUE).content.decode()


def test_it_answers_404_to_accountants_and_outsiders(client, accountant, outsider, submitted):
    for user in (accountant, outsider):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 404
        assert client.post("/manage/review/501001/2024/approve/").status_code == 404
    assert Budget.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_it_answers_404_to_a_reviewer_of_another_bureau(client, submitted):
    from budget.orgs.models import FinanceBureau

    stranger = make_user("stranger", bureau=FinanceBureau.objects.create(name="别的财政局"))
    client.force_login(stranger)
    assert 'id="budget-501001-2024"' not in client.get(QUEUE).content.decode()
    assert client.post("/manage/review/501001/2024/approve/").status_code == 404


def test_it_computes_the_figures_of_any_number_of_budgets_in_four_queries(
    reviewer, submitted, reference_data, django_assert_num_queries
):
    one = [submitted]
    with django_assert_num_queries(4):
        queue_figures(one)
    for code in ("501002", "501003"):
        second_department(copy.deepcopy(reference_data), code, Status.SUBMITTED)
    three = list(Budget.objects.filter(year=2024))
    with django_assert_num_queries(4):
        figures = queue_figures(three)
    assert {f.total.amount for f in figures.values()} == {metrics(submitted)["income.total"]}
