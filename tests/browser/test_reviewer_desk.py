"""Issue 15 in a real browser: the reviewer opens the progress board, sees 501002 still 草稿 and late,
opens 501001's corrected submission, reads what changed against 第 1 版 and returns it; the
accountant reads the comment on the home page, fixes and resubmits; the reviewer approves, confirms
and publishes 第 2 版, whose public page and PDF state the version and the 更正说明."""
import copy
import datetime
import subprocess
from decimal import Decimal

import pytest

from budget.budgets.models import Budget, Line
from budget.orgs.models import Deadline
from budget.exchange.services import budget_import
from budget.workflow.services import set_status
from tests.browser.conftest import sign_in
from tests.conftest import as_department, make_user
from tests.workflow_states import bring_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Status = Budget.Status
COMMENT = "养老保险缴费调增 1.25 万元，请附依据"
NOTE = "更正机关事业单位基本养老保险缴费支出"


@pytest.fixture
def desk(reference_budget, reference_data, monkeypatch):
    """501001 published (第 1 版), corrected and resubmitted with 191.25 → 192.50 万元; 501002 a draft;
    the bureau's 2024 submission deadline long past."""
    accountant = make_user("kz", department=reference_budget.department)
    reviewer = make_user("kz-reviewer", bureau=reference_budget.department.bureau)
    with monkeypatch.context() as quick:  # 第 1 版's PDF is not under test
        quick.setattr("budget.workflow.snapshot.pdf_bytes", lambda budget: b"%PDF-1.7 stand-in\n")
        bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    set_status(budget=reference_budget, status=Status.DRAFT, by=accountant, comment="更正养老保险缴费")
    Line.objects.filter(budget=reference_budget, function__code="2080505", economic__code="30108").update(
        amount=Decimal("1925000.00"))
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    budget_import(data=as_department(copy.deepcopy(reference_data), "501002", name="州生态环境监测演示中心"))
    Deadline.objects.create(bureau=reference_budget.department.bureau, year=2024, submit_by=datetime.date(2024, 1, 5))
    return reference_budget


def test_it_reviews_a_correction_from_the_board_to_the_second_version(desk, live_server, browser):
    base = live_server.url
    reviewer = browser.new_context().new_page()
    reviewer.set_default_timeout(120_000)  # publishing renders the PDF
    sign_in(reviewer, base, "kz-reviewer")
    reviewer.goto(f"{base}/manage/bureau/2024/progress/")
    draft = reviewer.locator("#department-501002")
    assert draft.locator(".status").inner_text() == "草稿"
    assert "逾期未报送" in draft.locator(".late-marks").inner_text()

    reviewer.click("#department-501001 a")
    reviewer.wait_for_url(f"{base}/manage/review/501001/2024/")
    against = reviewer.locator("section.diff").nth(1)
    assert "与已公开的第 1 版相比" in against.inner_text()
    assert "共 1 处变化" in against.inner_text()
    changed = against.locator("table.diff-lines tr.changed").inner_text()
    assert "2080505" in changed and "191.25" in changed and "192.50" in changed
    reviewer.fill("form.action-return textarea", COMMENT)
    reviewer.click("form.action-return button")
    reviewer.wait_for_selector(".messages")
    assert reviewer.inner_text(".workflow-status strong") == "已退回"

    accountant = browser.new_context().new_page()
    sign_in(accountant, base, "kz")  # the accountant's home page: the admin's index
    events = accountant.locator("section.workflow-events").inner_text()
    assert "已退回" in events and COMMENT in events
    accountant.goto(f"{base}/admin/budgets/budget/{desk.pk}/change/")
    accountant.locator("textarea[name=other_matters]").fill("养老保险缴费依据：州人社局 2024 年缴费基数通知。")
    accountant.click("input[name=_continue]")
    accountant.wait_for_selector(".messagelist .success")
    accountant.goto(f"{base}/manage/budgets/501001/2024/workflow/")
    accountant.click("form.action-submit button")
    accountant.wait_for_selector(".messages")
    assert accountant.inner_text(".workflow-status strong") == "已报送"

    reviewer.goto(f"{base}/manage/review/501001/2024/")
    previous = reviewer.locator("section.diff").nth(0).inner_text()
    assert "与上次报送相比" in previous and "州人社局 2024 年缴费基数通知" in previous
    reviewer.click("form.action-approve button")
    reviewer.wait_for_selector(".messages")
    reviewer.click("text=公开…")
    reviewer.wait_for_url(f"{base}/manage/budgets/501001/2024/publish/")
    assert "将公开为第 2 版" in reviewer.inner_text(".publish-version")
    reviewer.fill("#comment-publish", NOTE)
    reviewer.click("text=确认公开第 2 版")
    reviewer.wait_for_url(f"{base}/manage/budgets/501001/2024/workflow/")
    assert "已公开第 2 版" in reviewer.inner_text(".messages")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/budgets/501001/2024/")
    cover = visitor.locator(".document-body .cover").inner_text()
    assert "第 2 版（更正）" in cover and NOTE in cover
    with visitor.expect_download() as download:
        visitor.click("text=下载文档 PDF")
    text = subprocess.run(["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True).stdout
    first_page = text.split("\f")[0].replace(" ", "").replace("\n", "")
    assert "第2版（更正）" in first_page and NOTE in first_page
