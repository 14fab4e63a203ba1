"""In a real browser: a shanghai-2026 department of four units, published, on the public site:
its page shows the nine tables of the template and links each unit's 单位预算, which opens with
its own nine tables."""
import pytest

from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from tests.conftest import make_user
from tests.exchange_files import shanghai_department
from tests.workflow_states import bring_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("quick_pdf")]
CODE = "990427"


@pytest.fixture
def published_department():
    budget = budget_import(data=shanghai_department(CODE))
    bring_to(budget, Budget.Status.PUBLISHED, accountant=make_user("sh", department=budget.department),
             reviewer=make_user("sh-reviewer", bureau=budget.department.bureau))
    return budget


def test_it_shows_the_nine_tables_and_links_the_unit_budgets(published_department, live_server, browser):
    page = browser.new_context().new_page()
    errors = []
    page.on("console", lambda message: message.type == "error"  # a CSP violation is one too
            and "favicon" not in message.location.get("url", "") and errors.append(message.text))
    page.goto(f"{live_server.url}/budgets/{CODE}/2024/")
    tables = page.locator(".document-body table.standard-table")
    assert tables.count() == 9
    assert page.locator(".document-body table.standard-table caption").nth(0).inner_text() == "表 1 2024年部门财务收支预算总表"
    assert page.locator(".document-body .table-meta").nth(8).inner_text().endswith("单位：万元")
    links = page.locator(".unit-documents a")
    assert links.all_inner_texts() == [f"基准测试单位 {code} 2024 年单位预算"
                                       for code in (CODE, f"{CODE}-01", f"{CODE}-02", f"{CODE}-03")]
    links.nth(2).click()
    page.wait_for_url(f"{live_server.url}/budgets/{CODE}/2024/units/{CODE}-02/")
    assert page.locator(".document-body table.standard-table").count() == 9
    assert page.locator(".document-body .cover").inner_text().endswith(f"预算单位：基准测试单位 {CODE}-02")
    assert page.locator(".document-body table.standard-table caption").nth(2).inner_text() == "表 3 2024年单位支出预算总表"
    assert errors == []
