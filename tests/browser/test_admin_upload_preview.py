"""In a real browser: an accountant uploads a sheet that changes one amount and removes one line,
reads the preview, confirms, and finds both changes in the audit trail with old and new amounts."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budget.entry.excel import lines_workbook
from tests.conftest import make_user

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def kz(reference_budget):
    return make_user("kz", department=reference_budget.department)


@pytest.fixture
def edited_sheet(reference_budget, tmp_path):
    """The budget's sheet with 2080505/30108 at 200 万元 (191.25 in the reference) and row 3 gone."""
    book = load_workbook(BytesIO(lines_workbook(budget=reference_budget)))
    book["明细"]["H2"] = 200
    book["明细"].delete_rows(3)
    path = tmp_path / "明细.xlsx"
    book.save(path)
    return path


@pytest.fixture
def lines(reference_budget):
    """(the changed line, the removed one), read before the browser starts: Django refuses
    database calls while Playwright's loop runs."""
    return list(reference_budget.lines.order_by("id")[:2])


CHANGED = "预算明细 2080505 机关事业单位基本养老保险缴费支出 · 30108 机关事业单位基本养老保险缴费 · 一般公共预算拨款 · 基本支出"
REMOVED = "预算明细 2110101 行政运行 · 30101 基本工资 · 一般公共预算拨款 · 基本支出"


def test_it_previews_confirms_and_audits_an_upload(reference_budget, kz, edited_sheet, lines, live_server, browser):
    _, removed = lines
    removed_amount = f"{removed.amount / 10000:,.2f}"
    page = browser.new_page()
    sign_in(page, live_server.url, "kz")

    page.goto(f"{live_server.url}/admin/budgets/budget/{reference_budget.pk}/lines/upload/")
    page.set_input_files("#id_file", str(edited_sheet))
    page.click("input[value=上传并预览]")
    preview = page.locator("#upload-preview")
    assert "新增 0 条、修改 1 条、删除 1 条明细，40 条不变（尚未保存）" in preview.locator("h2").inner_text()
    assert page.locator("#upload-changed tbody td").all_inner_texts()[-2:] == ["191.25", "200.00"]
    assert page.locator("#upload-removed tbody td").all_inner_texts()[-1] == removed_amount
    assert page.locator("#upload-removal-warning").count() == 0

    page.click("#upload-confirm input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "已从 Excel 导入明细：新增 0 条、修改 1 条、删除 1 条明细" in page.inner_text(".messagelist")

    page.goto(f"{live_server.url}/manage/budgets/501001/2024/history/")
    rows = [row.locator("td").all_inner_texts() for row in page.locator("#changes tbody tr").all()]
    # The reference's first two lines, named by their subjects.
    assert [CHANGED, "修改", "金额", "191.25 万元", "200.00 万元"] in [row[2:] for row in rows]
    assert [REMOVED, "删除", "金额", "402.08 万元", "—"] in [row[2:] for row in rows]
