"""`manage.py check --deploy` passes in production settings; the cache follows REDIS_URL.

Each case runs in a fresh interpreter, since settings load once.
"""
import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

REPO = Path(__file__).resolve().parent.parent
OURS = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"]


def run(args, **env):
    environ = {key: value for key, value in os.environ.items() if key not in OURS}
    environ.update({"DJANGO_SETTINGS_MODULE": "budget.settings", **env})
    return subprocess.run([sys.executable, *args], cwd=REPO, env=environ, capture_output=True, text=True)


def check_deploy(**env):
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def production(**overrides):
    return {"DEBUG": "0", "SECRET_KEY": get_random_secret_key(), "ALLOWED_HOSTS": "example.org", **overrides}


def test_it_passes_the_deployment_check_in_production():
    key = get_random_secret_key()
    assert len(key) == 50
    result = check_deploy(**production(SECRET_KEY=key))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_fails_the_deployment_check_with_debug_on():
    result = check_deploy(**production(DEBUG="1"))
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG in deployment


def test_it_refuses_to_start_without_a_secret_key_in_production():
    environ = production()
    del environ["SECRET_KEY"]
    for command in (["manage.py", "check"], ["-c", "import budget.wsgi"]):
        result = run(command, **environ)
        assert result.returncode != 0
        assert "SECRET_KEY 未设置：生产环境（DEBUG=0）必须设置一个长随机串" in result.stderr


def test_it_uses_the_development_key_only_in_debug():
    result = run(["-c", "import budget.settings as s; print(s.SECRET_KEY)"], DEBUG="1")
    assert (result.returncode, result.stdout) == (0, "dev-only-insecure-key\n")


def cache_backend(**env):
    code = "import budget.settings as s; print(s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION', ''))"
    result = run(["-c", code], SECRET_KEY="s" * 50, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_it_caches_in_memory_by_default():
    assert cache_backend() == ["django.core.cache.backends.locmem.LocMemCache"]


def test_it_caches_in_redis_with_redis_url():
    assert cache_backend(REDIS_URL="redis://127.0.0.1:6379/3") == [
        "budget.ops.cache.FailSoftRedisCache", "redis://127.0.0.1:6379/3"
    ]


def test_it_caches_in_a_redis_of_its_own_apart_from_the_broker():
    assert cache_backend(REDIS_URL="redis://10.0.0.30:6379/0", REDIS_CACHE_URL="redis://10.0.0.30:6380/0") == [
        "budget.ops.cache.FailSoftRedisCache", "redis://10.0.0.30:6380/0"
    ]


def test_it_passes_the_deployment_check_with_the_deploy_examples_settings():
    lines = (REPO / "deploy" / "env.example").read_text().splitlines()
    example = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert example["SECRET_KEY"] == "change-me-to-a-long-random-string"  # as the example says, changed
    result = check_deploy(**{**example, "SECRET_KEY": get_random_secret_key(), "DEBUG": "0"})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_with_a_trusted_proxy_that_is_no_address():
    result = run(["manage.py", "check"], **production(TRUSTED_PROXIES="127.0.0.1,nginx.local"))
    assert result.returncode != 0
    assert "TRUSTED_PROXIES：'nginx.local' 不是 IP 地址或网段（如 127.0.0.1、10.0.0.0/24）" in result.stderr
