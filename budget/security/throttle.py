"""Slow password guessing down without locking the right user out.

Failed logins are counted in the cache (shared between processes with REDIS_URL), each
counter for a fixed window from its first failure:

- per account and address: LOGIN_FAILURE_LIMIT failures refuse that account from that address;
- per address: LOGIN_ADDRESS_FAILURE_LIMIT failures refuse every account from it (password
  spraying: one address trying many usernames);
- per account: once LOGIN_ACCOUNT_FAILURE_LIMIT failures came from anywhere, every address
  that has failed for the account is refused. An address that never failed still gets in with
  the right password, so nobody can lock a user out, and a guesser spread over many addresses
  gets one guess from each.

The address is the client's: REMOTE_ADDR, or, when the request comes from one of
TRUSTED_PROXIES, the right-most address in TRUSTED_PROXY_HEADER that is not a trusted proxy
(what our own proxy saw; anything left of it came from the client and could be forged).
"""
import hashlib
import ipaddress
import math
import time
from datetime import datetime, timezone as dt_timezone
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

MESSAGE = "登录失败次数过多，请 {minutes} 分钟后（{time} 以后）再试。"


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The address of the client that sent `request`, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    if not settings.TRUSTED_PROXY_HEADER or not _is_trusted_proxy(remote):
        return remote
    header = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted_proxy(hop):
            return hop
    return hops[0] if hops else remote


def _key(kind, *parts):
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"security:login-failures:{kind}:{digest}"


def _keys(request, username):
    """The three counters' keys: account and address, address, account."""
    account, address = (username or "").casefold(), client_address(request)
    return _key("pair", account, address), _key("address", address), _key("account", account)


def _limits():
    return settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT, settings.LOGIN_ACCOUNT_FAILURE_LIMIT


def blocked_until(request, username):
    """When the login of `username` from this request's client is allowed again (a Unix time),
    or None when it is allowed now."""
    keys = _keys(request, username)
    values = cache.get_many([*keys, *(key + ":until" for key in keys)])
    pair, by_address, by_account = (values.get(key, 0) for key in keys)
    pair_limit, address_limit, account_limit = _limits()
    for key, refused in zip(keys, (pair >= pair_limit, by_address >= address_limit,
                                   by_account >= account_limit and pair > 0)):
        if refused:
            return values.get(key + ":until", time.time() + settings.LOGIN_FAILURE_WINDOW)
    return None


def message(until):
    minutes = max(1, math.ceil((until - time.time()) / 60))
    local = timezone.localtime(datetime.fromtimestamp(until, tz=dt_timezone.utc))
    return MESSAGE.format(minutes=minutes, time=local.strftime("%H:%M"))


def _count(key):
    window = settings.LOGIN_FAILURE_WINDOW
    if cache.add(key, 1, window):
        cache.set(key + ":until", time.time() + window, window)
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        cache.set(key + ":until", time.time() + window, window)


def record_failure(request, username):
    for key in _keys(request, username):
        _count(key)


def on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(request, credentials.get("username", ""))


def on_logged_in(sender, request, user, **kwargs):
    # Only this address's failures for the account: the others may be an attacker's.
    pair = _keys(request, user.get_username())[0]
    cache.delete_many([pair, pair + ":until"])
