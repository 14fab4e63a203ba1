"""Login throttling: 5 failures for a username from an address in 15 minutes block it there;
20 from an address block it for every username; 20 for a username from anywhere block it from
the addresses that failed, never from one that did not."""
import os
import time
import uuid

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from .conftest import make_user

LOGIN = "/admin/login/"
BLOCKED = "登录失败次数过多，请 15 分钟后（"


@pytest.fixture
def user(db):
    return make_user("kz-accountant")  # password "pass", staff


def attempt(client, password, username="kz-accountant", address="10.0.0.1", **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address,
                       **headers)


def fail(client, times, **kwargs):
    for _ in range(times):
        response = attempt(client, "wrong", **kwargs)
        assert response.status_code == 200 and BLOCKED not in response.content.decode()


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_it_lets_a_user_in_after_four_failures(client, user):
    fail(client, 4)
    assert logged_in(attempt(client, "pass"))


def test_it_refuses_even_the_right_password_after_five_failures(client, user):
    fail(client, 5)
    response = attempt(client, "pass")
    assert response.status_code == 200
    assert BLOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_blocks_only_that_username_from_that_address(client, user):
    make_user("kz-reviewer")
    fail(client, 5)
    assert logged_in(attempt(client, "pass", address="10.0.0.2"))
    client.logout()
    assert logged_in(attempt(client, "pass", username="kz-reviewer"))


def test_it_counts_the_username_case_insensitively(client, user):
    fail(client, 5, username="KZ-Accountant")
    assert BLOCKED in attempt(client, "pass").content.decode()


def test_it_forgets_failures_after_a_successful_login(client, user):
    fail(client, 4)
    assert logged_in(attempt(client, "pass"))
    client.logout()
    fail(client, 4)
    assert logged_in(attempt(client, "pass"))


def test_it_lets_the_user_in_again_after_the_window(client, user, settings):
    settings.LOGIN_FAILURE_WINDOW = 2
    fail(client, 5)
    assert not logged_in(attempt(client, "pass"))
    time.sleep(2.1)
    assert logged_in(attempt(client, "pass"))


def test_it_blocks_every_way_of_authenticating(user):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.1")
    for _ in range(5):
        assert authenticate(request, username="kz-accountant", password="wrong") is None
    assert authenticate(request, username="kz-accountant", password="pass") is None
    other = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.9")
    assert authenticate(other, username="kz-accountant", password="pass") == user


def redis_url():
    """A Redis to test against (REDIS_URL, else a local one), or None."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        return None
    return url


def test_it_throttles_with_a_shared_redis_cache(client, settings, db):
    url = redis_url()
    if url is None:
        pytest.skip("no Redis server to test against")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    # A fresh username: the counters of earlier runs never matter and nothing needs clearing.
    username = f"redis-{uuid.uuid4().hex}"
    make_user(username)
    fail(client, 5, username=username)
    assert BLOCKED in attempt(client, "pass", username=username).content.decode()
    assert logged_in(attempt(client, "pass", username=username, address="10.0.0.2"))


NOON_UTC = 1764590400  # 2025-12-01 12:00 UTC, 20:00 in Asia/Shanghai


def test_it_says_when_to_try_again(client, user, monkeypatch):
    monkeypatch.setattr("budget.security.throttle.time.time", lambda: NOON_UTC)
    fail(client, 5)
    monkeypatch.setattr("budget.security.throttle.time.time", lambda: NOON_UTC + 5 * 60 + 10)
    assert "登录失败次数过多，请 10 分钟后（20:15 以后）再试。" in attempt(client, "pass").content.decode()


def test_it_counts_the_address_that_the_trusted_proxy_names(client, user, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    behind_proxy = {"address": "127.0.0.1"}
    fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.7", **behind_proxy)
    assert BLOCKED in attempt(client, "pass", HTTP_X_FORWARDED_FOR="203.0.113.7", **behind_proxy).content.decode()
    # Another client behind the same proxy signs in: the lock-out was not the whole proxy's.
    assert logged_in(attempt(client, "pass", HTTP_X_FORWARDED_FOR="198.51.100.2", **behind_proxy))


def test_it_takes_the_proxys_hop_not_what_the_client_wrote_before_it(client, user, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    for forged in range(5):  # a client making up a new address each time, which nginx appends to
        attempt(client, "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{forged}, 203.0.113.7")
    response = attempt(client, "pass", address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.99, 203.0.113.7")
    assert BLOCKED in response.content.decode()


def test_it_ignores_the_header_from_an_untrusted_address(client, user, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for forged in range(5):
        attempt(client, "wrong", address="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.9.9.{forged}")
    assert BLOCKED in attempt(client, "pass", address="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.99").content.decode()


def test_it_blocks_an_address_spraying_many_usernames(client, user):
    for n in range(20):  # one guess each for twenty usernames: no username reaches its five
        attempt(client, "wrong", username=f"guess-{n}")
    assert BLOCKED in attempt(client, "pass").content.decode()
    assert logged_in(attempt(client, "pass", address="10.0.0.2"))


def test_it_refuses_the_addresses_that_failed_for_an_account_guessed_from_many(client, user):
    for n in range(20):  # a guesser spread over twenty addresses, one guess from each
        attempt(client, "wrong", address=f"198.51.100.{n}")
    assert BLOCKED in attempt(client, "pass", address="198.51.100.3").content.decode()
    # The account's own user, from an address that never failed, is let in.
    assert logged_in(attempt(client, "pass", address="10.0.0.1"))
