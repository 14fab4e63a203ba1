"""The shared cache (Redis): Django's RedisCache with one client per connection pool, reused.

Django's RedisCacheClient shares its connection pools but builds a new redis.Redis for every
operation, and building one (its response callbacks, its options) costs about as much as the
GET itself: a cached public page paid it on each of its reads. A redis.Redis is safe to share
between threads, each command taking its own connection from the pool.
"""
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
