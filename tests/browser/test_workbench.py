"""The accountant's workbench in a real browser at 1366×900: a returned budget's home shows the
reviewer's comment; no page of the workbench is wider than the screen or shows English or
"object (N)"; a key of 上年预算数 is found by typing its code."""
import re

import pytest

from budget.budgets.models import Budget
from budget.workflow.services import set_status
from tests.browser.conftest import sign_in
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORT = {"width": 1366, "height": 900}
COMMENT = "第三部分“三公”经费的说明与表8不一致。\n请补充公务用车运行费增加的原因后再次报送。"
# What may stay as it is: the names of file formats, and the login name the person signs in with
# (the pages outside the admin say "退出（kz）").
ALLOWED = {"PDF", "Excel", "XLSX", "kz"}
SECTIONS = ["overview", "lines", "projects", "narrative", "assets"]


@pytest.fixture
def returned(reference_budget):
    """The reference budget, submitted by its accountant and returned by the bureau with a comment."""
    accountant = make_user("kz", department=reference_budget.department, first_name="李会计")
    reviewer = make_user("kz-reviewer", bureau=reference_budget.department.bureau, first_name="王审核")
    set_status(budget=reference_budget, status=Budget.Status.SUBMITTED, by=accountant, comment="请审核。")
    set_status(budget=reference_budget, status=Budget.Status.RETURNED, by=reviewer, comment=COMMENT)
    return reference_budget


@pytest.fixture
def pages(returned):
    """The workbench's pages for the returned reference budget, read before the browser starts."""
    budget = returned
    admin = f"/admin/budgets/budget/{budget.pk}"
    line = budget.lines.order_by("id").first()
    project = budget.projects.get(name="执法能力建设项目")
    return [
        "/admin/", "/admin/budgets/budget/", f"{admin}/home/", f"{admin}/grid/", *(f"{admin}/section/{name}/" for name in SECTIONS),
        f"{admin}/validation/", f"{admin}/lines/upload/", f"{admin}/history/", f"{admin}/change/",
        f"/admin/budgets/line/?budget={budget.pk}", f"/admin/budgets/line/{line.pk}/change/",
        f"/admin/budgets/project/?budget={budget.pk}", f"/admin/budgets/project/{project.pk}/change/",
        f"/admin/budgets/project/add/?budget={budget.pk}", f"/admin/budgets/project/{project.pk}/history/",
        "/manage/budgets/501001/2024/history/", "/manage/budgets/501001/2024/workflow/",
    ]


def signed_in(browser, base):
    page = browser.new_context(viewport=VIEWPORT).new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and "favicon" not in message.location.get("url", "")
            and errors.append(message.text))
    sign_in(page, base, "kz")
    return page, errors


def test_a_returned_budgets_home_shows_the_reviewers_comment(returned, live_server, browser):
    page, errors = signed_in(browser, live_server.url)
    page.click("a.newest")  # the admin's index leads straight to the budget's home
    page.wait_for_url(f"{live_server.url}/admin/budgets/budget/{returned.pk}/home/")
    assert page.inner_text("#budget-status h2") == "状态：已退回"
    comment = page.inner_text("#reviewer-comment")
    assert comment.startswith("王审核 于 ") and "退回，意见：" in comment
    assert "第三部分“三公”经费的说明与表8不一致。\n请补充公务用车运行费增加的原因后再次报送。" in comment
    assert page.locator(".action-submit input[type=submit]").get_attribute("value") == "再次报送"
    assert errors == []


def test_no_workbench_page_is_wider_than_the_screen_or_speaks_english(pages, live_server, browser):
    page, errors = signed_in(browser, live_server.url)
    wide, english = {}, {}
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORT["width"]:
            wide[path] = width
        text = page.evaluate("document.body.innerText")
        words = {word for word in re.findall(r"[A-Za-z][A-Za-z_.\[\]]+", text) if word not in ALLOWED}
        if words or re.search(r"object \(\d+\)", text):
            english[path] = sorted(words)[:10]
    assert wide == {}
    assert english == {}, english
    assert errors == []  # no script refused by the CSP, no script error


def test_a_key_is_found_by_typing_its_code(returned, live_server, browser):
    page, errors = signed_in(browser, live_server.url)
    page.goto(f"{live_server.url}/admin/budgets/budget/{returned.pk}/section/narrative/")
    page.click("#prior_figures-group .add-row a")
    row = page.locator("#prior_figures-group tr.form-row.dynamic-prior_figures").last
    row.locator("input.key-search").fill("2110101")
    assert row.locator("select.key-chooser").input_value() == "general.function.2110101"
    row.locator("input.key-search").fill("三公 经费")
    row.locator("input.key-search").press("Enter")
    assert row.locator("select.key-chooser").input_value() == "three_public.total"
    assert errors == []
