"""/manage/review/<code>/<year>/: one submission as its reviewer checks it — findings, key figures,
what changed against the previous submission and the published version, and the review moves."""
import re
from decimal import Decimal

import pytest

from budget.budgets.models import Budget, Explanation, Line
from budget.workflow.models import Submission
from budget.workflow.services import set_status

from .conftest import make_user
from .workflow_states import bring_to

pytestmark = pytest.mark.usefixtures("quick_pdf")
Status = Budget.Status
PAGE = "/manage/review/501001/2024/"
# Two lines of the reference budget (its exchange file, 万元) and a reason of its section 二.
PENSION = dict(function__code="2080505", economic__code="30108", kind="basic")  # 191.25 万元
REASON = "income.unit_funds"  # 本年三县一市分局预算并入州本局，增加单位资金办公费项目


def line(**key):
    return Line.objects.get(budget__department__code="501001", **key)


def corrected(budget, accountant, reviewer):
    """The published reference budget corrected: two line amounts and one reason changed, resubmitted."""
    bring_to(budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    set_status(budget=budget, status=Status.DRAFT, by=accountant, comment="更正养老保险缴费")
    pension = line(**PENSION)
    pension.amount = Decimal("1925000.00")  # 191.25 → 192.50 万元
    pension.save()
    office = Line.objects.filter(budget=budget, economic__code="30201").order_by("pk").first()
    office_before = office.amount
    office.amount += Decimal("100.00")  # +0.01 万元
    office.save()
    Explanation.objects.filter(budget=budget, kind="reason", key=REASON).update(text="增加单位资金办公费项目（已更正）")
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
    return office, office_before


def test_it_shows_exactly_the_three_changes_of_a_correction_against_the_published_version(
    client, reference_budget, accountant, reviewer
):
    office, office_before = corrected(reference_budget, accountant, reviewer)
    client.force_login(reviewer)
    response = client.get(PAGE)
    assert response.status_code == 200
    title, against, _ = response.context["comparisons"][1]
    assert title == "与已公开的第 1 版相比"
    assert (against.count, against.added, against.removed) == (3, [], [])
    changes = {change.key[1:3]: (change.old, change.new) for change in against.changed}
    assert changes == {("2080505", "30108"): (Decimal("1912500.00"), Decimal("1925000.00")),
                       (office.function.code, "30201"): (office_before, office_before + 100)}
    assert against.texts == [("增减原因（单位资金）", "本年三县一市分局预算并入州本局，增加单位资金办公费项目",
                              "增加单位资金办公费项目（已更正）")]
    html = response.content.decode()
    assert "共 3 处变化：新增明细 0 条，删除 0 条，金额变化 2 条，其他内容变化 1 处" in html
    assert '<td class="amount">191.25</td><td class="amount">192.50</td><td class="amount">1.25</td>' in html
    # Totals before → after: 2,448.62 → 2,449.88 万元 (1.25 + 0.01).
    assert '<th scope="row">合计</th><td class="amount">2,448.62</td><td class="amount">2,449.88</td>' in html


def test_it_compares_a_resubmission_with_the_previous_submission(client, reference_budget, accountant, reviewer):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    client.force_login(reviewer)
    first = client.get(PAGE).context["comparisons"]
    assert first[0][1] is None and first[1][1] is None  # nothing to compare with yet
    client.post("/manage/review/501001/2024/return/", {"comment": "养老保险缴费有误", "back": "submission"})
    pension = line(**PENSION)
    pension.amount = Decimal("1900000.00")
    pension.save()
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    assert Submission.objects.filter(change__budget=reference_budget).count() == 2
    previous = client.get(PAGE).context["comparisons"][0][1]
    assert [(c.old, c.new) for c in previous.changed] == [(Decimal("1912500.00"), Decimal("1900000.00"))]
    assert previous.count == 1


def test_it_shows_the_findings_the_key_figures_and_the_moves(client, reference_budget, accountant, reviewer):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    client.force_login(reviewer)
    html = client.get(PAGE).content.decode()
    assert "校验结果：0 个错误，0 个警告" in html
    # 基本支出 2,052.42, 上年 630.37, 增加 1,422.05 (the published text's section 三).
    assert re.search(r'<th scope="row">基本支出</th><td class="amount">2,052.42</td><td class="amount">630.37</td>'
                     r'<td class="amount change">1,422.05</td>', html)
    assert 'action="/manage/review/501001/2024/return/"' in html and 'action="/manage/review/501001/2024/approve/"' in html
    assert "2024 年部门预算</h1>" in html  # the document's preview


def test_it_returns_with_a_required_comment_back_to_the_page(client, reference_budget, accountant, reviewer):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    client.force_login(reviewer)
    refused = client.post("/manage/review/501001/2024/return/", {"comment": "", "back": "submission"}, follow=True)
    assert refused.redirect_chain == [(PAGE, 302)] and "“退回修改”须填写意见" in refused.content.decode()
    done = client.post("/manage/review/501001/2024/return/", {"comment": "请核对", "back": "submission"}, follow=True)
    assert done.redirect_chain == [(PAGE, 302)] and Budget.objects.get().status == Status.RETURNED


def test_it_links_publishing_to_its_confirmation(client, reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.APPROVED, accountant=accountant, reviewer=reviewer)
    client.force_login(reviewer)
    assert 'href="/manage/budgets/501001/2024/publish/"' in client.get(PAGE).content.decode()


def test_it_shows_a_colleague_reviewer_the_moves_and_the_accountant_none(client, reference_budget, accountant):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    client.force_login(make_user("colleague", bureau=reference_budget.department.bureau))
    assert 'action="/manage/review/501001/2024/approve/"' in client.get(PAGE).content.decode()
    client.force_login(accountant)
    own = client.get(PAGE)
    assert own.status_code == 200 and 'action="/manage/review/501001/2024/approve/"' not in own.content.decode()


def test_it_answers_404_to_outsiders_and_for_a_draft(client, reference_budget, reviewer, outsider):
    client.force_login(outsider)
    assert client.get(PAGE).status_code == 404
    client.force_login(reviewer)
    assert client.get(PAGE).status_code == 404  # a draft stays in its department
    assert client.get("/manage/review/nothing/2024/").status_code == 404
