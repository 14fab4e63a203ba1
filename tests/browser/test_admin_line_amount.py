"""In a real browser: an accountant changes a line's amount in the admin and sees the new total."""
import pytest
from playwright.sync_api import expect

from tests.conftest import make_user

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def kz(reference_budget):
    return make_user("kz", department=reference_budget.department)


def test_it_saves_a_new_amount_and_the_preview_shows_the_new_total(reference_budget, kz, live_server, browser):
    page = browser.new_page()
    sign_in(page, live_server.url, "kz")

    page.goto(f"{live_server.url}/admin/budgets/budget/{reference_budget.pk}/change/")
    amount = page.locator("input[name=lines-0-amount]")
    assert amount.input_value() == "191.25"
    amount.fill("201.25")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.locator("#budget-totals tfoot td").all_inner_texts() == ["2,062.42", "396.20", "2,458.62"]

    page.goto(f"{live_server.url}/manage/budgets/501001/2024/tables/")
    assert "2,458.62" in page.inner_text("#table-1")
    page.goto(f"{live_server.url}/manage/budgets/501001/2024/")
    assert "收支总预算 2,458.62 万元。" in page.inner_text("#part-3")


def test_it_offers_the_codes_of_the_budgets_edition_at_the_lines_level(reference_budget, kz, live_server, browser):
    page = browser.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and "favicon" not in message.location["url"]
            and problems.append(message.text))
    sign_in(page, live_server.url, "kz")
    page.goto(f"{live_server.url}/admin/budgets/budget/{reference_budget.pk}/change/")
    assert page.inner_text("#content h1") == "修改 部门预算"
    page.locator("#lines-0 .field-function .select2-selection").click()
    page.keyboard.type("2110")
    options = page.locator(".select2-results__option")
    expect(options.first).to_have_text("2110101 行政运行")
    codes = [text.split()[0] for text in options.all_inner_texts()]
    assert len(codes) > 3 and all(len(code) == 7 and code.startswith("2110") for code in codes)
    assert problems == []
