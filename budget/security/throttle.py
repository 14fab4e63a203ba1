"""Refuse logins for a username from an address after repeated failures.

Failures are counted in the cache per (username, client address) for a fixed window from the
first failure; with several processes the cache must be shared (REDIS_URL). The address is
REMOTE_ADDR: a proxy in front must pass the client's address there, not in a header anyone
can forge.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache

MESSAGE = "登录失败次数过多，请 {minutes} 分钟后再试。"


def message():
    return MESSAGE.format(minutes=settings.LOGIN_FAILURE_WINDOW // 60)


def _key(request, username):
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    digest = hashlib.sha256(f"{username.casefold()}\n{address}".encode()).hexdigest()
    return f"security:login-failures:{digest}"


def is_blocked(request, username):
    return cache.get(_key(request, username or ""), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(request, username):
    key = _key(request, username or "")
    cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


def on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(request, credentials.get("username", ""))


def on_logged_in(sender, request, user, **kwargs):
    cache.delete(_key(request, user.get_username()))
