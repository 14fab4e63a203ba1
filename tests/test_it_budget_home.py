"""A budget's home /admin/budgets/budget/<id>/home/: where it stands, what to do next, its totals."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.budgets.models import Budget, Line
from budget.workflow.models import StatusChange
from budget.workflow.services import set_status

from .conftest import make_user

Status = Budget.Status
RETURN_COMMENT = "表7 的项目支出与明细不符。\n请核对“执法能力建设项目”的资金分配后再次报送。"


def home(budget):
    return f"/admin/budgets/budget/{budget.pk}/home/"


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def colleague(reference_budget):
    return make_user("colleague", department=reference_budget.department)


def test_it_shows_a_draft_with_its_totals_and_the_submit_button(client, accountant, reference_budget):
    client.force_login(accountant)
    html = client.get(home(reference_budget)).content.decode()
    assert 'data-status="draft">草稿</span>' in html
    assert "校验没有错误后报送财政部门审核" in html
    assert f'action="/admin/budgets/budget/{reference_budget.pk}/home/submit/"' in html and 'value="报送审核"' in html
    # The reference's 支出预算 2,448.62 万元: 基本支出 2,052.42, 项目支出 396.20 (第三部分 三).
    totals = text(html[html.index('id="budget-totals"'):html.index("</table>", html.index('id="budget-totals"'))])
    assert "合计 2,052.42 396.20 2,448.62" in totals
    for section in ["概况", "明细", "项目与绩效", "情况说明与上年数", "采购·资产·车辆"]:
        assert f">{section}</a>" in html
    assert "42 条明细" in html and "7 个项目" in html
    assert f'<a href="/admin/budgets/budget/{reference_budget.pk}/grid/">明细</a>' in html  # the lines grid
    code = reference_budget.department.code
    for link in [f"/manage/budgets/{code}/2024/", f"/manage/budgets/{code}/2024/document.pdf",
                 f"/manage/budgets/{code}/2024/history/", f"/manage/budgets/{code}/2024/workflow/"]:
        assert f'href="{link}"' in html


def test_the_admin_index_and_the_budget_list_lead_to_the_home(client, accountant, reference_budget):
    client.force_login(accountant)
    assert f'href="{home(reference_budget)}" class="newest"' in client.get("/admin/").content.decode()
    assert f'href="{home(reference_budget)}"' in client.get("/admin/budgets/budget/").content.decode()


def test_it_submits_from_the_home_through_the_workflow(client, colleague, reference_budget):
    client.force_login(colleague)
    response = client.post(home(reference_budget) + "submit/", {"comment": "请审核。"})
    assert response.status_code == 302 and response["Location"] == home(reference_budget)
    reference_budget.refresh_from_db()
    assert reference_budget.status == Status.SUBMITTED
    change = StatusChange.objects.get(budget=reference_budget)
    assert (change.source, change.target, change.by, change.comment) == ("draft", "submitted", colleague, "请审核。")
    html = client.get(home(reference_budget)).content.decode()
    assert "colleague 于" in html and "报送，说明：请审核。" in html and 'value="报送审核"' not in html


def test_it_refuses_to_submit_a_budget_with_errors_and_says_why(client, accountant, reference_budget):
    reference_budget.overview.structure = ""
    reference_budget.overview.save()
    client.force_login(accountant)
    response = client.post(home(reference_budget) + "submit/", {"comment": ""}, follow=True)
    reference_budget.refresh_from_db()
    assert reference_budget.status == Status.DRAFT
    html = response.content.decode()
    assert "预算数据有错误，不能报送：" in html and "没有填写机构设置" in html
    assert ">概况 · 部门概况 · 机构设置</a>" in html  # the finding says where, and links there


def test_a_returned_budget_shows_the_comment_in_full_and_offers_to_resubmit(client, accountant, reviewer, reference_budget):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=reference_budget, status=Status.RETURNED, by=reviewer, comment=RETURN_COMMENT)
    client.force_login(accountant)
    html = client.get(home(reference_budget)).content.decode()
    comment = html[html.index('id="reviewer-comment"'):html.index("</blockquote>")]
    assert "reviewer 于" in comment and "退回，意见：" in comment
    assert "表7 的项目支出与明细不符。<br>请核对“执法能力建设项目”的资金分配后再次报送。" in comment
    assert 'value="再次报送"' in html
    events = html[html.index('id="events-title"'):html.index("</section>", html.index('id="events-title"'))]
    assert "<strong>已退回</strong>（reviewer）" in events  # the workflow's list of this budget's events
    assert client.post(home(reference_budget) + "submit/", {"comment": "已改正"}).status_code == 302
    reference_budget.refresh_from_db()
    assert reference_budget.status == Status.SUBMITTED


def test_it_says_who_approved_and_when(client, accountant, reviewer, reference_budget):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    approval = set_status(budget=reference_budget, status=Status.APPROVED, by=reviewer, comment="同意")
    client.force_login(accountant)
    html = client.get(home(reference_budget)).content.decode()
    when = approval.at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert f"reviewer 于 {when} 审核通过，意见：同意" in html
    assert 'class="workbench-action' not in html  # nothing for the accountant to do


def test_the_reviewer_reads_a_submitted_budget_but_cannot_submit_it(client, accountant, reviewer, reference_budget):
    client.force_login(reviewer)
    assert client.get(home(reference_budget)).status_code == 404  # a draft is the department's
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    html = client.get(home(reference_budget)).content.decode()
    assert 'value="审核通过"' in html and 'value="报送审核"' not in html
    assert client.post(home(reference_budget) + "submit/", {}).status_code == 403


def test_an_outsider_gets_404_and_a_visitor_the_login(client, outsider, reference_budget):
    assert client.get(home(reference_budget)).status_code == 302
    client.force_login(outsider)
    assert client.get(home(reference_budget)).status_code == 404
    assert client.post(home(reference_budget) + "submit/", {}).status_code == 404
    reference_budget.refresh_from_db()
    assert reference_budget.status == Status.DRAFT


def test_an_unknown_move_or_publishing_from_the_home_is_404(client, accountant, reference_budget):
    client.force_login(accountant)
    assert client.post(home(reference_budget) + "publish/", {}).status_code == 404
    assert client.post(home(reference_budget) + "nothing/", {}).status_code == 404
    assert client.get(home(reference_budget) + "submit/").status_code == 405


def test_its_queries_do_not_grow_with_the_lines(client, accountant, reference_budget):
    client.force_login(accountant)
    client.get(home(reference_budget))  # caches warmed

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(home(reference_budget)).status_code == 200
        return len(captured)

    before = queries()
    template = reference_budget.lines.filter(kind="basic").first()
    economic = type(template.economic).objects.filter(edition=reference_budget.edition, level=2)
    Line.objects.bulk_create([Line(budget=reference_budget, unit=template.unit, function=template.function,
                                   economic=subject, source=template.source, kind="basic", amount=100)
                              for subject in economic.exclude(pk__in=reference_budget.lines.values("economic"))[:60]])
    assert reference_budget.lines.count() > 100
    assert queries() == before
