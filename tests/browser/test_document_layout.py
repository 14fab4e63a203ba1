"""The document page in a real browser: the cover centred and the 落款 right-aligned on a desktop
and on a 390 px phone, where the 绩效 tables scroll sideways instead of shrinking."""
import pytest

from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DOCUMENT = "/manage/budgets/501001/2024/"


@pytest.fixture
def accountant_login(reference_budget):
    make_user("kz", department=reference_budget.department)


def open_document(browser, base, width):
    page = browser.new_context(viewport={"width": width, "height": 844}).new_page()
    page.goto(f"{base}/admin/login/?next={DOCUMENT}")
    page.fill("#id_username", "kz")
    page.fill("#id_password", "pass")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}{DOCUMENT}")
    return page


def centre_offset(page, selector):
    """How far the text of `selector` sits from the centre of its box, in px."""
    return page.evaluate("""(selector) => {
        const element = document.querySelector(selector);
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
        return Math.abs((text.left + text.right) / 2 - (box.left + box.right) / 2);
    }""", selector)


@pytest.mark.parametrize("width", [1280, 390])
def test_it_centres_the_cover_and_aligns_the_signature_right(accountant_login, live_server, browser, width):
    page = open_document(browser, live_server.url, width)
    assert centre_offset(page, ".cover-department") < 1.5
    assert page.evaluate("getComputedStyle(document.querySelector('.signature p')).textAlign") == "right"
    right = page.evaluate("""() => {
        const p = document.querySelector('.signature p'), range = document.createRange();
        range.selectNodeContents(p);
        return p.getBoundingClientRect().right - range.getBoundingClientRect().right;
    }""")
    assert right < 1.5


def test_it_scrolls_the_target_tables_on_a_phone(accountant_login, live_server, browser):
    page = open_document(browser, live_server.url, 390)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.target-tables')].map(box => ({
        overflow: getComputedStyle(box).overflowX, scrolls: box.scrollWidth > box.clientWidth,
        narrowest: Math.min(...[...box.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width)),
    }))""")
    assert len(boxes) == 8  # the department's target and seven projects'
    for box in boxes:
        assert box["overflow"] == "auto" and box["scrolls"]
        assert box["narrowest"] > 40  # a header cell holds a few characters a line, not one
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
