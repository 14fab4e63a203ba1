"""In a real browser: submit, return with a comment, fix, resubmit, approve, publish; then an
anonymous visitor finds the budget from `/`, reads it and downloads the PDF."""
import pytest

from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKFLOW = "/manage/budgets/501001/2024/workflow/"
PDF_NAME = "克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf"


@pytest.fixture
def people(reference_budget):
    make_user("kz", department=reference_budget.department)
    make_user("kz-reviewer", bureau=reference_budget.department.bureau)


class Visitor:
    """One person in a browser context of their own; records console errors (CSP violations too)."""

    def __init__(self, browser, base):
        self.base = base
        self.page = browser.new_context().new_page()
        self.page.set_default_timeout(120_000)  # publishing renders the PDF
        self.errors = []
        self.page.on("console", lambda message: message.type == "error"
                     and "favicon" not in message.location.get("url", "") and self.errors.append(message.text))

    def login(self, username):
        self.page.goto(f"{self.base}/admin/login/?next={WORKFLOW}")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "pass")
        self.page.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base}{WORKFLOW}")
        return self

    def act(self, action, comment=""):
        form = self.page.locator(f"form.action-{action}")
        if comment:
            form.locator("textarea").fill(comment)
        form.locator("button").click()
        self.page.wait_for_selector(".messages")
        return self.status()

    def status(self):
        return self.page.inner_text(".workflow-status strong")


def test_it_takes_a_budget_from_draft_to_the_public_site(reference_budget, people, live_server, browser):
    accountant = Visitor(browser, live_server.url).login("kz")
    assert accountant.status() == "草稿"
    assert accountant.act("submit", "请审核") == "已报送"

    reviewer = Visitor(browser, live_server.url).login("kz-reviewer")
    assert reviewer.page.locator("form.action-submit").count() == 0
    assert reviewer.act("return", "社会保障缴费数有误，请核对") == "已退回"

    accountant.page.goto(f"{live_server.url}{WORKFLOW}")
    assert "社会保障缴费数有误，请核对" in accountant.page.inner_text("table.history")
    accountant.page.goto(f"{live_server.url}/admin/budgets/budget/{reference_budget.pk}/change/")
    accountant.page.locator("input[name=lines-0-amount]").fill("201.25")
    accountant.page.click("input[name=_continue]")
    accountant.page.wait_for_selector(".messagelist .success")
    accountant.page.goto(f"{live_server.url}{WORKFLOW}")
    assert accountant.act("submit", "已改正") == "已报送"

    reviewer.page.goto(f"{live_server.url}{WORKFLOW}")
    assert reviewer.act("approve") == "已审核"
    reviewer.page.click(".action-publish a")  # publishing is confirmed on its own page
    reviewer.page.wait_for_url(f"{live_server.url}/manage/budgets/501001/2024/publish/")
    assert "将公开为第 1 版" in reviewer.page.inner_text(".publish-version")
    assert reviewer.act("publish") == "已公开"
    assert "已公开第 1 版" in reviewer.page.inner_text(".messages")
    history = reviewer.page.locator("table.history tbody tr").all_inner_texts()
    assert [row.split("\t")[1] for row in history] == [
        "草稿 → 已报送", "已报送 → 已退回", "已退回 → 已报送", "已报送 → 已审核", "已审核 → 已公开"]

    visitor = Visitor(browser, live_server.url)
    visitor.page.goto(f"{live_server.url}/")
    visitor.page.fill("#q", "生态环境局")
    visitor.page.click("form.search button")
    visitor.page.click("text=克孜勒苏柯尔克孜自治州生态环境局 2024 年部门预算")
    visitor.page.wait_for_url(f"{live_server.url}/budgets/501001/2024/")
    assert "收支总预算 2,458.62 万元。" in visitor.page.inner_text("#part-3")  # the fixed figure
    with visitor.page.expect_download() as download:
        visitor.page.click("text=下载文档 PDF")
    assert download.value.suggested_filename == PDF_NAME
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    for person in (accountant, reviewer, visitor):
        assert person.errors == []
