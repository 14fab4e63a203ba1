"""Login throttling: 5 failures for a username from an address in 15 minutes block it there."""
import os
import time
import uuid

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from .conftest import make_user

LOGIN = "/admin/login/"
BLOCKED = "登录失败次数过多，请 15 分钟后再试。"


@pytest.fixture
def user(db):
    return make_user("kz-accountant")  # password "pass", staff


def attempt(client, password, username="kz-accountant", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


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
