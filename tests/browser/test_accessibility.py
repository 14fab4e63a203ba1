"""axe-core (vendored in static/vendor/axe-core/) on the public index, a budget page and the data
dictionary, in Debian's chromium: no serious or critical violation. And a budget page at a
phone's width (390 px) does not scroll sideways; UPDATE_SCREENSHOTS=1 writes it to docs/screenshots/."""
import os
from pathlib import Path

import pytest

from budget.demo.services import DEFAULT_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("quick_pdf")]

AXE = "/static/vendor/axe-core/axe.min.js"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "budget-page-390px.png"
FONTS = "".join(
    f'@font-face {{ font-family: "Noto Sans SC"; font-weight: {weight}; src: url("/static/fonts/NotoSansSC-{name}.woff2"); }}'
    for weight, name in ((400, "Regular"), (700, "Bold"))
)
PAGES = ["/", "/budgets/501001/2024/", "/data/"]
# Every rule of WCAG 2.0/2.1 A and AA and axe's best practices; a violation's impact is
# minor, moderate, serious or critical.
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.fixture
def demo(db):
    load_demo(password=DEFAULT_PASSWORD)


def violations(browser, base, path):
    page = browser.new_context().new_page()
    page.goto(base + path)
    page.add_script_tag(url=base + AXE)  # from the site itself, as the strict CSP allows
    return page.evaluate(RUN)


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_serious_or_critical_violation(demo, live_server, browser, path):
    found = violations(browser, live_server.url, path)
    assert [v for v in found if v["impact"] in ("serious", "critical")] == []


def test_a_budget_page_fits_a_phone(demo, live_server, browser):
    # bypass_csp lets the screenshot's font in (below); nothing else is injected.
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  bypass_csp=bool(os.environ.get("UPDATE_SCREENSHOTS")))
    page = context.new_page()
    page.goto(live_server.url + "/budgets/501001/2024/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll in their box
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    if os.environ.get("UPDATE_SCREENSHOTS"):
        # A machine without CJK fonts (this one) draws boxes: lend the page the PDF's Noto Sans SC.
        page.add_style_tag(content=FONTS)
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(SCREENSHOT), clip={"x": 0, "y": 0, "width": 390, "height": 1800}, full_page=True)
