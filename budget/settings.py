"""Settings, all read from the environment (see README.md for the variables)."""
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "0")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # The development key is public: with it anyone could forge sessions and signed links.
        raise ImproperlyConfigured("SECRET_KEY 未设置：生产环境（DEBUG=0）必须设置一个长随机串，"
                                   "见 deploy/env.example；开发时设 DEBUG=1。")
    SECRET_KEY = "dev-only-insecure-key"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "budget.codes",
    "budget.orgs",
    "budget.budgets",
    "budget.figures",
    "budget.entry",
    "budget.nextyear",
    "budget.exchange",
    "budget.tables",
    "budget.demo",
    "budget.document",
    "budget.security",
    "budget.workflow",
    "budget.public",
    "budget.opendata",
    "budget.validation",
    "budget.bureau",
    "simple_history",
    "budget.audit",
    "budget.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything queries the database with the request's path or parameters.
    "budget.security.params.RefuseNulMiddleware",
    # Serves collected static files from gunicorn itself: no proxy configuration to keep in step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "budget.security.middleware.ContentSecurityPolicyMiddleware",
    "budget.security.middleware.PrivateManagePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user with every change of a budget's data (budget.audit).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "budget.ops.replica.PublicReadsFromReplica",
]
# What the public site (budget/wsgi.py) goes without: it serves cached HTML to visitors, who
# have no session, no form to post and nobody to record. The security headers and CSP stay.
NOT_ON_PUBLIC_PAGES = [
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
PUBLIC_MIDDLEWARE = [name for name in MIDDLEWARE if name not in NOT_ON_PUBLIC_PAGES]

ROOT_URLCONF = "budget.urls"
WSGI_APPLICATION = "budget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "budget.bureau.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# An optional read replica for the public pages (budget/ops/replica.py); tests use the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["budget.ops.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
# The product speaks Chinese only: a browser asking for English still gets a Chinese admin.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# The admin strings Django leaves untranslated (locale/zh_Hans/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# Published files (PDF, XLSX, JSON snapshots): the local MEDIA_ROOT, or an S3-compatible object
# store shared by every machine with STORAGE_BACKEND=s3 (django-storages, AWS_* variables).
if os.environ.get("STORAGE_BACKEND", "filesystem") == "s3":
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    AWS_DEFAULT_ACL = None  # private objects: the public site streams them itself
    AWS_S3_FILE_OVERWRITE = False  # a published file is never replaced
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    # Compressed copies made by collectstatic; names are not hashed, so templates and the PDF
    # renderer work without a manifest (and in tests, which never run collectstatic).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "admin:login"
# The budget's page posts every part at once: up to 100 lines inline (9 fields each, see
# budget/entry/admin/lines.py INLINE_LIMIT) besides units, indicators, explanations and the
# rest, about 1,130 fields for the largest page with the reference's parts; Django's 1,000
# refused it and lost everything typed. 5,000 leaves room for long lists of the other parts.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Where a login goes when its `next` is missing or leads off the site (Django's default is a 404).
LOGIN_REDIRECT_URL = "admin:index"
CSRF_FAILURE_VIEW = "budget.security.views.csrf_failure"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "budget.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["budget.security.backends.ThrottledModelBackend"]
# Failed logins within the window that refuse an account from an address, any account from an
# address, and an account from every address that failed for it (budget/security/throttle.py).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", str(15 * 60)))
# The reverse proxies (addresses or networks) whose TRUSTED_PROXY_HEADER names the client; a
# request from anywhere else is taken to come from its REMOTE_ADDR, whatever it says.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES：{proxy!r} 不是 IP 地址或网段（如 127.0.0.1、10.0.0.0/24）")
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# Login throttling and the public pages use the cache: share it between processes with Redis,
# best a Redis of its own that evicts (REDIS_CACHE_URL, deploy/redis-cache.conf) apart from the
# broker's, which must keep every task. Unreachable, it is a cache that misses (budget/ops/cache.py).
CACHE_URL = os.environ.get("REDIS_CACHE_URL") or os.environ.get("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "budget.ops.cache.FailSoftRedisCache", "LOCATION": CACHE_URL,
         "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Public pages each process keeps in memory (budget/public/held.py), the most recently served:
# the reference budget's is 110 KB. 0 holds none (the served-page benchmark's uncached timing).
PUBLIC_HELD_PAGES = int(os.environ.get("PUBLIC_HELD_PAGES", "64"))

# Behind HTTPS in production: secure cookies and HSTS unless explicitly turned off.
SECURE_DEFAULTS = "0" if DEBUG else "1"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SECURE_DEFAULTS)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SECURE_DEFAULTS)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", SECURE_DEFAULTS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if not DEBUG else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_DEFAULTS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_DEFAULTS)
# The load balancer probes /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Background rendering of published versions (budget/celery.py, budget/workflow/tasks.py).
# Redis is the broker; without one (development, tests) tasks run at once in the same process.
# The licence of the open data (/data/): CC-BY-4.0, CC0-1.0 or ODC-BY-1.0 (budget/opendata/package.py).
OPEN_DATA_LICENSE = os.environ.get("OPEN_DATA_LICENSE", "CC-BY-4.0")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL", "")
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "0" if CELERY_BROKER_URL else "1")
CELERY_TASK_IGNORE_RESULT = True  # the state is kept on the Publication
# A task is acknowledged only once done, so a worker lost mid-render leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Seconds a worker may spend on one PDF before it is stopped (a runaway document).
PDF_RENDER_TIME_LIMIT = int(os.environ.get("PDF_RENDER_TIME_LIMIT", "300"))
# A PDF of more pages is refused (budget.document.pdf): its layout alone takes 1.7 MB a page.
PDF_MAX_PAGES = int(os.environ.get("PDF_MAX_PAGES", "1000"))
# Redis hands an unacknowledged task to another worker after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}

# E-mail to accountants when their budget is returned, approved or published (budget/workflow/events.py):
# SMTP when EMAIL_HOST is set, printed to the console in development, otherwise not sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "budget@localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend" if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
# The address the e-mails link to (e.g. https://budget.example.gov.cn); paths only without it.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own console handler would print each message a second time.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
