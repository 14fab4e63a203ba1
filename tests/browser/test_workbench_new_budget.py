"""Issue 14, acceptance (a), in a real browser at 1366×900: an accountant creates a budget from
nothing — a unit (with the 概况 the document needs), a line typed in the lines grid, a block of
three lines pasted from the clipboard, a project with three indicators from the framework's
lists — validates it and submits it from the budget home; every page stays within the window,
with no CSP violation."""
import pytest
from playwright.sync_api import expect

from tests.conftest import make_user

from .conftest import sign_in
from .watch import watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Three lines as Excel copies them from the 明细 sheet (单位编码 … 项目编码, names left empty):
# tab-separated cells, \r\n after every row.
BLOCK = "".join(f"501003001\t2111101\t\t{economic}\t\t一般公共预算拨款\t基本支出\t{amount}\t\r\n"
                for economic, amount in (("30201", "1.50"), ("30205", "2.50"), ("30206", "3")))


@pytest.fixture
def department(db):
    from budget.orgs.models import Department, FinanceBureau

    bureau = FinanceBureau.objects.create(name="克孜勒苏柯尔克孜自治州财政局")
    department = Department.objects.create(code="501003", name="州生态环境宣传教育中心", bureau=bureau)
    make_user("new-accountant", department=department)
    return department


def follow(page, selector):
    """Click a link and wait for the page it opens."""
    with page.expect_navigation():
        page.click(selector)


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 1366


def create_budget(page, base):
    page.goto(f"{base}/admin/budgets/budget/add/")
    page.select_option("#id_department", label="501003 州生态环境宣传教育中心")
    page.fill("#id_year", "2024")
    page.select_option("#id_edition", label="2024 年版")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("已新建 州生态环境宣传教育中心 2024 年部门预算")


def fill_overview(page, base):
    """概况: a second unit, the 机构设置 and one 主要职能 (validation asks for both)."""
    follow(page, ".workbench-sections >> text=概况")
    assert fits(page)
    page.click("#units-group .add-row a")
    page.fill("input[name=units-1-code]", "501003001")
    page.fill("input[name=units-1-name]", "州生态环境宣传教育中心本级")
    page.select_option("select[name=units-1-kind]", label="事业单位")
    page.fill("textarea[name=overview-0-structure]", "中心内设综合科、宣传科 2 个科室。")
    page.click("#functions-group .add-row a")
    page.fill("input[name=functions-0-institution]", "州生态环境宣传教育中心")
    page.fill("textarea[name=functions-0-duties]", "负责全州生态环境宣传教育工作。")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("已保存“概况”")


def type_a_line(page):
    page.click("#grid-add")  # two units: the 单位编码 cell opens
    for text in ("501003001", "2111101", "30101", "一般公共预算拨款"):
        page.keyboard.type(text)
        # As the accountant sees it: the list offers what was typed first, then it is taken.
        expect(page.locator(".tabulator-edit-list-item").first).to_contain_text(text)
        page.keyboard.press("ArrowDown")  # the first of the offered codes, highlighted before it is taken
        expect(page.locator(".tabulator-edit-list-item.focused")).to_contain_text(text)
        page.keyboard.press("Tab")
        expect(page.locator("#lines-grid .tabulator-row").first).to_contain_text(text)  # taken, as the cell shows
    page.keyboard.press("Tab")  # 基本支出, as offered
    page.keyboard.type("12.34")
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_have_text("已保存 1 行")


def paste_three_lines(page):
    page.click("#grid-add")
    page.keyboard.press("Escape")  # the new row's 单位编码 cell stays selected
    page.evaluate("text => navigator.clipboard.writeText(text)", BLOCK)
    page.keyboard.press("Control+V")
    expect(page.locator("#grid-status")).to_have_text("已保存 3 行")


INDICATORS = [("产出指标", "数量指标", "开展宣传活动", ">=", "12", "次", "40"),
              ("效益指标", "社会效益指标", "公众生态环境知识知晓率", ">=", "80", "%", "30"),
              ("满意度指标", "服务对象满意度指标", "参与群众满意度", ">=", "90", "%", "20")]


def offered(page, selector):
    """The values of the datalist that the input `selector` suggests."""
    return page.evaluate("s => [...document.querySelector(s).list.options].map(o => o.value)", selector)


def add_project(page):
    follow(page, ".workbench-sections >> text=项目与绩效")
    follow(page, "text=新增项目")
    page.fill("#id_code", "P2024-01")
    page.fill("#id_name", "生态环境宣传教育")
    assert page.input_value("#id_start") == "2024/01/01" and page.input_value("#id_end") == "2024/12/31"  # the budget year
    for i, (level1, level2, name, comparator, value, unit, weight) in enumerate(INDICATORS):
        page.click("#indicators-group .add-row a")
        field = f"input[name=indicators-{i}-level1]"
        assert level1 in offered(page, field)
        page.fill(field, level1)
        field = f"input[name=indicators-{i}-level2]"
        assert level2 in offered(page, field)  # the second levels of the first level typed
        assert offered(page, field) == {"产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
                                        "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
                                        "满意度指标": ["服务对象满意度指标"]}[level1]
        page.fill(field, level2)
        page.fill(f"input[name=indicators-{i}-name]", name)
        page.select_option(f"select[name=indicators-{i}-comparator]", comparator)
        page.fill(f"input[name=indicators-{i}-value]", value)
        page.fill(f"input[name=indicators-{i}-unit]", unit)
        page.fill(f"input[name=indicators-{i}-weight]", weight)
    assert fits(page)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_accountant_creates_a_budget_from_nothing(department, live_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    problems = []
    page = watched(context.new_page(), problems)
    sign_in(page, live_server.url, "new-accountant")
    create_budget(page, live_server.url)
    home = page.url
    fill_overview(page, live_server.url)

    follow(page, ".workbench-sections >> text=明细")  # the tab opens the lines grid
    page.wait_for_selector("#lines-grid .tabulator-tableholder")
    assert fits(page)
    type_a_line(page)
    paste_three_lines(page)
    # 12.34 + 1.50 + 2.50 + 3.00 万元, all 基本支出 of 一般公共预算拨款.
    assert page.locator("#grid-totals tfoot td").all_inner_texts() == ["19.34", "0.00", "19.34"]
    page.reload()
    page.wait_for_selector(".tabulator-row")
    rows = page.evaluate("linesGrid.getData().map(d => [d.unit, d.function, d.economic, d.economic_name, d.amount])")
    assert rows == [["501003001", "2111101", "30101", "基本工资", "12.34"],
                    ["501003001", "2111101", "30201", "办公费", "1.50"],
                    ["501003001", "2111101", "30205", "水费", "2.50"],
                    ["501003001", "2111101", "30206", "电费", "3.00"]]

    add_project(page)
    page.goto(home)
    assert fits(page)
    assert page.locator("#budget-totals tfoot td").all_inner_texts() == ["19.34", "0.00", "19.34"]
    expect(page.locator(".validation-panel")).to_contain_text("0 个错误")
    page.fill("#comment-submit", "请审核。")
    page.click(".action-submit input[type=submit]")
    expect(page.locator("#budget-status h2")).to_have_text("状态：已报送")
    assert problems == []
