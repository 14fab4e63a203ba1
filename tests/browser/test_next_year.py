"""In a real browser at 1366×900 (issue 14, acceptance c): the accountant starts 2025 from the
published 2024 with two continuing projects, and the 2025 document compares with what 2024
published, even though a correction has changed 2024's data since.

Expected figures are the reference budget's published ones (tests/data/kizilsu-eco-2024-budget.txt):
基本支出 2,052.42, 项目支出 396.20, 一般公共预算 2,188.62, 单位资金 260.00 万元; the continuing
projects 24.00 (“三线一单”) and 71.00 (2024 年环保业务经费).
"""
import re

import pytest

from budget.budgets.models import Budget

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("quick_pdf")]
WIDTH = 1366


@pytest.fixture
def corrected(published, accountant):
    """The published 2024 opened for a correction that adds 100 万元 to its 社会保障缴费 line."""
    from budget.workflow.services import set_status

    set_status(budget=published, status=Budget.Status.DRAFT, by=accountant, comment="更正社会保障缴费")
    line = published.lines.get(function__code="2080505")
    line.amount += 1000000
    line.save()
    return published


def wide(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_it_starts_2025_from_the_published_2024(corrected, live_server, browser):
    base = live_server.url
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    sign_in(page, base, "accountant")
    page.goto(f"{base}/admin/budgets/budget/{corrected.pk}/change/")
    page.click("text=编制下一年度预算")
    page.wait_for_url(f"{base}/manage/budgets/501001/2024/next-year/")
    assert wide(page) <= WIDTH
    page.check("input[name=continuing][value=P2024-01]")
    page.check("input[name=continuing][value=P2024-02]")
    page.check("input[name=with_lines]")
    page.click("input[type=submit][value='编制 2025 年度预算']")
    page.wait_for_selector(".messagelist .success")
    assert "已编制克孜勒苏柯尔克孜自治州生态环境局 2025 年部门预算" in page.inner_text(".messagelist")
    assert "项目 2 个" in page.inner_text(".messagelist")

    page.goto(f"{base}/manage/budgets/501001/2025/")
    text = page.inner_text("body")
    # 2025 copied the corrected lines (basic 2,152.42) and two projects (95.00); each change is
    # against 2024 as published, not as corrected.
    changes = {
        "基本支出 2,152.42": "比上年预算增加 100.00 万元",
        "项目支出 95.00": "比上年预算减少 301.20 万元",
        "一般公共预算 2,247.42": "比上年预算增加 58.80 万元",
        "单位资金 0.00": "比上年预算减少 260.00 万元",
    }
    for figure, change in changes.items():
        assert re.search(rf"{figure} 万元，占 [0-9.]+%，{change}", text), figure
