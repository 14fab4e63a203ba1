"""Browser tests: Debian chromium through Playwright, against a plain-HTTP live server."""
from pathlib import Path

import pytest
from django.db import connections
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, started without the HTTPS redirect and secure-only cookies:
    the security middleware reads those settings once, when the server starts."""
    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        server = LiveServer("localhost")
        yield server
        server.stop()


@pytest.fixture
def browser():
    """Request it last: while Playwright's loop runs, Django refuses database calls in this thread."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def sign_in(page, base, username, password="pass"):
    """Sign `page` in through the admin's login form, as a person would, and wait for the index."""
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.fixture(scope="module", autouse=True)
def restored_database(django_db_blocker):
    """A transactional test ends by emptying the database, which would leave the tests that run
    later (pytest-django runs those without a static `db` last) without the code lists that the
    migrations load: put back the contents serialized when the test database was made."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
