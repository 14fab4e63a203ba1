"""In a real browser at 1366×900: the lines grid edited from the keyboard, a refused cell shown and
fixed, codes found by name, a line added and deleted, a stale save refused; no CSP violation,
nothing wider than the window. (The user guide's picture of the grid: tools/screenshots.py.)"""
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user

from .conftest import sign_in
from .watch import watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]



@pytest.fixture
def people(reference_budget):
    make_user("kz", department=reference_budget.department)
    make_user("kz-colleague", department=reference_budget.department)


def grid_page(browser, base, username, budget, problems):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    # A refused save answers 400 or 409, which the console reports too; those are expected here.
    page = watched(context.new_page(), problems, expected=["status of 400", "status of 409"])
    sign_in(page, base, username)
    page.goto(f"{base}/admin/budgets/budget/{budget.pk}/grid/")
    page.wait_for_selector(".tabulator-row")
    return page


def cell(page, row, field):
    return page.locator(".tabulator-row").nth(row).locator(f".tabulator-cell[tabulator-field={field}]")


def totals(page):
    return page.locator("#grid-totals tfoot td").all_inner_texts()


def take_offered(page, typed, offered):
    """Type into the open list cell, see the first code offered, highlight it and take it with Tab."""
    page.keyboard.type(typed)
    expect(page.locator(".tabulator-edit-list-item").first).to_have_text(offered)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")


def last_row(page, *fields):
    return page.evaluate("fields => { const d = linesGrid.getRows().at(-1).getData(); return fields.map(f => d[f]); }",
                         list(fields))


def test_it_edits_from_the_keyboard_and_marks_a_refused_cell(reference_budget, people, live_server, browser):
    problems = []
    page = grid_page(browser, live_server.url, "kz", reference_budget, problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.inner_text(".tabulator-footer").startswith("共 42 条明细")
    # 表3's first line, 208 05 05 机关事业单位基本养老保险缴费支出: 191.25 万元.
    expect(cell(page, 0, "amount")).to_have_text("191.25")
    cell(page, 0, "amount").click()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("201.25")
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_have_text("已保存 1 行")
    assert totals(page) == ["2,062.42", "396.20", "2,458.62"]

    page.keyboard.press("ArrowDown")  # the second line's amount, 表8's 301 01 基本工资 402.08
    page.keyboard.type("4o2.08")  # typing on a cell starts editing it
    page.keyboard.press("Enter")
    expect(page.locator("#grid-errors")).to_contain_text("第 2 行 金额（万元）：不是数字：4o2.08")
    expect(cell(page, 1, "amount")).to_have_class(re.compile(r"\bgrid-error\b"))
    expect(cell(page, 1, "amount")).to_have_text("4o2.08")  # kept as typed, not dropped
    assert totals(page) == ["2,062.42", "396.20", "2,458.62"]
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("412.08")
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_have_text("已保存 1 行")
    expect(page.locator("#grid-errors")).to_be_hidden()
    assert totals(page) == ["2,072.42", "396.20", "2,468.62"]

    page.keyboard.press("Escape")
    page.keyboard.press("ArrowLeft")  # 支出类型 of the second line
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+Tab")  # 资金来源 of the first line
    assert page.evaluate("linesGrid.getRanges()[0].getCells()[0][0].getField()") == "source"
    assert problems == []


def test_it_finds_codes_by_name_and_adds_a_line(reference_budget, people, live_server, browser):
    problems = []
    page = grid_page(browser, live_server.url, "kz", reference_budget, problems)
    page.click("#grid-add")  # one unit: the new row takes it, and the 功能科目 cell opens
    page.keyboard.type("监测")  # by name
    expect(page.locator(".tabulator-edit-list-item").first).to_have_text("2111101 生态环境监测与信息")
    page.keyboard.press("Control+A")  # by code
    take_offered(page, "2110199", "2110199 其他环境保护管理事务支出")
    take_offered(page, "差旅", "30211 差旅费")
    take_offered(page, "一般公共预算拨款", "一般公共预算拨款")
    page.keyboard.press("Tab")  # 基本支出, as offered
    page.keyboard.type("3.5")
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_have_text("已保存 1 行")
    added = last_row(page, "unit", "function", "economic", "economic_name", "source", "kind", "amount")
    assert added == ["501001", "2110199", "30211", "差旅费", "一般公共预算拨款", "基本支出", "3.50"]
    assert totals(page) == ["2,055.92", "396.20", "2,452.12"]

    page.on("dialog", lambda dialog: dialog.accept())  # 删除选中的 1 行明细？
    page.locator(".tabulator-row").last.locator(".tabulator-row-header").click()  # the whole row
    page.click("#grid-delete")
    expect(page.locator("#grid-status")).to_have_text("已保存，删除 1 行")
    assert totals(page) == ["2,052.42", "396.20", "2,448.62"]
    assert page.evaluate("linesGrid.getDataCount()") == 42
    assert problems == []


def test_it_keeps_codes_taken_with_tab_before_the_lists_timers_run(reference_budget, people, live_server, browser):
    """Tabulator's list takes a highlighted code on Tab from a callback armed by a timer; on a busy
    machine the Tab can come first. With the page's timers stopped, every code must still be kept."""
    problems = []
    page = grid_page(browser, live_server.url, "kz", reference_budget, problems)
    page.clock.install()
    page.clock.pause_at(datetime.now() + timedelta(hours=1))  # no timer runs from here on
    page.click("#grid-add")  # one unit: the new row takes it, and the 功能科目 cell opens
    take_offered(page, "2110199", "2110199 其他环境保护管理事务支出")
    take_offered(page, "30211", "30211 差旅费")
    take_offered(page, "一般公共预算拨款", "一般公共预算拨款")
    page.keyboard.press("Tab")  # 基本支出, as offered
    page.keyboard.type("1.25")
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_have_text("已保存 1 行")
    added = last_row(page, "unit", "function", "economic", "source", "kind", "amount")
    assert added == ["501001", "2110199", "30211", "一般公共预算拨款", "基本支出", "1.25"]
    assert totals(page) == ["2,053.67", "396.20", "2,449.87"]  # the reference's 2,052.42 基本支出 and 1.25
    assert problems == []


def test_it_refuses_a_save_after_a_colleagues(reference_budget, people, live_server, browser):
    problems = []
    mine = grid_page(browser, live_server.url, "kz", reference_budget, problems)
    theirs = grid_page(browser, live_server.url, "kz-colleague", reference_budget, problems)
    cell(theirs, 0, "amount").dblclick()
    theirs.keyboard.press("Control+A")
    theirs.keyboard.type("5.55")
    theirs.keyboard.press("Enter")
    expect(theirs.locator("#grid-status")).to_have_text("已保存 1 行")
    cell(mine, 0, "amount").dblclick()
    mine.keyboard.press("Control+A")
    mine.keyboard.type("6.66")
    mine.keyboard.press("Enter")
    expect(mine.locator("#grid-errors")).to_contain_text("此预算已被 kz-colleague 于")
    expect(mine.locator("#grid-errors")).to_contain_text("修改，请刷新后重新填写；您的修改未保存")
    mine.click("#grid-errors button")  # 刷新表格: the colleague's figure, the refused one dropped as asked
    expect(cell(mine, 0, "amount")).to_have_text("5.55")
    assert problems == []
