"""The shared cache (Redis): Django's RedisCache with one client per connection pool, reused,
answering "not cached" while Redis is unreachable.

Django's RedisCacheClient shares its connection pools but builds a new redis.Redis for every
operation, and building one (its response callbacks, its options) costs about as much as the
GET itself: a cached public page paid it on each of its reads. A redis.Redis is safe to share
between threads, each command taking its own connection from the pool.

Every page of the public site reads the cache first; with Redis down each would be a 500,
though the database could serve them all (more slowly). Reads then miss, writes are dropped,
and a warning is logged at most once a minute. Login throttling counts nothing meanwhile.
"""
import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError)
_warned_at = [0.0]


class ReusedClientCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # connection pool -> its redis.Redis

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientCacheClient


def _warn(error):
    if time.monotonic() - _warned_at[0] > 60:
        _warned_at[0] = time.monotonic()
        logger.warning("cache unreachable, serving without it: %s", error)


def _fail_soft(method, fallback):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            _warn(error)
            return fallback(*args, **kwargs)

    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _none(*args, **kwargs):
    return None


class FailSoftRedisCache(SharedRedisCache):
    get = _fail_soft(RedisCache.get, _default)
    get_many = _fail_soft(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _fail_soft(RedisCache.has_key, lambda *args, **kwargs: False)
    add = _fail_soft(RedisCache.add, lambda *args, **kwargs: False)  # "someone else has it": nothing starts twice
    set = _fail_soft(RedisCache.set, _none)
    set_many = _fail_soft(RedisCache.set_many, lambda *args, **kwargs: [])
    touch = _fail_soft(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _fail_soft(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _fail_soft(RedisCache.delete_many, _none)
    incr = _fail_soft(RedisCache.incr, lambda *args, **kwargs: 0)
    clear = _fail_soft(RedisCache.clear, lambda *args, **kwargs: False)
