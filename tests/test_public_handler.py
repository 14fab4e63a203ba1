"""budget/wsgi.py: the public site's pages through the lean middleware, the rest through all of it;
and the cached page's one round trip to the cache (the site's generation held in the process)."""
import io
import wsgiref.util

import pytest
from django.core import signals
from django.db import close_old_connections

from budget import wsgi
from budget.public import held, queries

pytestmark = pytest.mark.usefixtures("quick_pdf")


@pytest.fixture
def call(settings):
    """GET through budget.wsgi.application as gunicorn calls it; (status, headers, body)."""
    settings.SECURE_SSL_REDIRECT = True  # as deployed: the proxy says the request came over HTTPS
    # As django.test.Client does: a request must not close the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def get(path):
        environ = {"PATH_INFO": path, "HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1",
                   "wsgi.input": io.BytesIO()}
        wsgiref.util.setup_testing_defaults(environ)
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers

        body = b"".join(wsgi.application(environ, start_response))
        names = {}
        for name, value in answer["headers"]:
            names.setdefault(name.lower(), []).append(value)
        return answer["status"], names, body

    yield get
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_it_serves_a_public_page_with_the_security_headers_and_no_session(published, call):
    status, headers, body = call("/budgets/501001/2024/")
    assert status == "200 OK"
    assert "克孜勒苏柯尔克孜自治州生态环境局".encode() in body
    assert headers["content-security-policy"][0].startswith("default-src 'self'")
    assert headers["x-frame-options"] == ["DENY"]
    assert headers["x-content-type-options"] == ["nosniff"]
    assert headers["strict-transport-security"][0].startswith("max-age=")
    assert headers["cache-control"] == ["public, max-age=300"]
    assert "set-cookie" not in headers and "vary" not in headers


def test_it_serves_the_index_through_the_lean_handler_too(published, call):
    status, headers, body = call("/")
    assert status == "200 OK" and "2024".encode() in body
    assert "set-cookie" not in headers


def test_it_keeps_every_middleware_for_the_staff_pages(published, call):
    status, headers, _ = call("/admin/login/")
    assert status == "200 OK"
    assert any(cookie.strip().startswith("csrftoken=") for cookie in headers["set-cookie"])
    assert headers["content-security-policy"][0].startswith("default-src 'self'")
    status, headers, _ = call("/manage/budgets/501001/2024/")
    assert status == "302 Found" and headers["location"][0].startswith("/admin/login/")


def test_it_serves_a_held_page_without_the_cache_or_the_database(published, client, monkeypatch,
                                                                  django_assert_num_queries):
    from django.core.cache import cache

    assert client.get("/budgets/501001/2024/").status_code == 200  # cached now, and held here
    reads = []
    original = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: reads.append(key) or original(key, *args))
    with django_assert_num_queries(0):
        assert "克孜勒苏柯尔克孜自治州生态环境局" in client.get("/budgets/501001/2024/").content.decode()
    assert reads == []
    held.forget()  # as another process would: one read of the generation, one of the page
    with django_assert_num_queries(0):
        assert client.get("/budgets/501001/2024/").status_code == 200
    assert [key.split(":")[1] for key in reads] == ["shown", "page"]


def test_it_holds_no_more_pages_than_its_setting(published, client, settings):
    settings.PUBLIC_HELD_PAGES = 1
    client.get("/budgets/501001/2024/")
    client.get("/")
    assert len(held._pages) == 1 and next(iter(held._pages)).startswith("public:index:")


def test_it_reads_the_generation_again_once_held_long_enough(published, monkeypatch):
    current = queries.shown()
    queries.cache.set(queries.SHOWN_KEY, queries.Shown(years=[2025], generation="moved", counts={2025: 1}))
    assert queries.shown() == current  # another process's publication: seen here a moment later
    clock = held.time.monotonic() + held.HELD_SECONDS + 0.1
    monkeypatch.setattr(held.time, "monotonic", lambda: clock)
    assert queries.shown().generation == "moved"
