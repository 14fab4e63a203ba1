"""budget.ops.cache.SharedRedisCache: Django's RedisCache, one redis.Redis reused for every operation."""
import uuid

import pytest
import redis

from budget.ops.cache import SharedRedisCache

REDIS_URL = "redis://127.0.0.1:6379/5"  # this suite's own database number


@pytest.fixture
def shared():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server to test against")
    return SharedRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_it_stores_and_reads_like_django_s_redis_cache(shared):
    shared.set("page", "<p>2,448.62</p>", 60)
    assert shared.get("page") == "<p>2,448.62</p>"
    assert shared.add("page", "other", 60) is False
    shared.delete("page")
    assert shared.get("page") is None


def test_it_builds_one_client_for_all_its_operations(shared, monkeypatch):
    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    for n in range(5):
        shared.set(f"key-{n}", n, 60)
        assert shared.get(f"key-{n}") == n
    assert len(built) == 1
