"""Settings come from the environment; each case runs in a fresh interpreter since settings load once."""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIABLES = [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DB_CONN_MAX_AGE", "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "CSRF_TRUSTED_ORIGINS",
]
NAMES = [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASES", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "CSRF_TRUSTED_ORIGINS", "BASE_DIR",
]


def settings_with(**env):
    """The settings module's values under exactly these variables (the others unset)."""
    environ = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    environ.update({"SECRET_KEY": "s" * 50, **env})
    code = (
        "import json, budget.settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {NAMES!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_it_defaults_to_sqlite_in_the_checkout():
    s = settings_with()
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(Path(s["BASE_DIR"]) / "db.sqlite3")


def test_it_parses_a_postgres_database_url():
    db = settings_with(DATABASE_URL="postgres://budget:s3cret@db.internal:5433/budget_prod")["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "budget_prod", "budget", "s3cret", "db.internal", 5433,
    )
    assert db["CONN_MAX_AGE"] == 60


def test_it_reads_the_connection_lifetime():
    db = settings_with(DATABASE_URL="postgres://u@h/d", DB_CONN_MAX_AGE="0")["DATABASES"]["default"]
    assert db["CONN_MAX_AGE"] == 0


def test_it_is_secure_when_debug_is_off():
    s = settings_with(SECRET_KEY="k" * 50, ALLOWED_HOSTS="budget.example.cn, www.budget.example.cn")
    assert s["DEBUG"] is False
    assert s["SECRET_KEY"] == "k" * 50
    assert s["ALLOWED_HOSTS"] == ["budget.example.cn", "www.budget.example.cn"]
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] == 31536000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is True


def test_it_relaxes_https_only_in_debug():
    s = settings_with(DEBUG="1")
    assert s["DEBUG"] is True
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["CSRF_COOKIE_SECURE"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0


def test_it_lets_a_single_protection_be_turned_off():
    # e.g. a proxy that already redirects to HTTPS
    s = settings_with(SECURE_SSL_REDIRECT="0", CSRF_TRUSTED_ORIGINS="https://budget.example.cn")
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://budget.example.cn"]


def test_it_reads_debug_words():
    assert settings_with(DEBUG="true")["DEBUG"] is True
    assert settings_with(DEBUG="off")["DEBUG"] is False
