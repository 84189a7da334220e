"""Settings read from the environment (twelve-factor): nothing secret or site-specific is in the code.

``DATABASE_URL``  default ``sqlite:///<JIXIAO_DATA_DIR>/jixiao.sqlite3`` (PostgreSQL in production)
``JIXIAO_DATA_DIR`` default ``./data``
``SECRET_KEY``    required when ``DEBUG`` is off; with ``DEBUG=1`` or ``JIXIAO_INSECURE_DEV_KEY=1`` (``make run``)
                  a random key is generated once into ``<JIXIAO_DATA_DIR>/secret_key`` (a development key:
                  ``jixiao serve`` refuses to listen beyond the loopback with it)
``ALLOWED_HOSTS`` comma separated, default ``127.0.0.1,localhost``
``CSRF_TRUSTED_ORIGINS`` comma separated origins (``https://jixiao.example.gov.cn``) behind a proxy
``DEBUG``         ``1``/``true`` to switch on; off by default
``JIXIAO_HTTPS``  ``1`` behind HTTPS: secure cookies, HSTS, redirect to HTTPS (each also settable alone:
                  ``JIXIAO_SECURE_COOKIES``, ``JIXIAO_HSTS_SECONDS``, ``JIXIAO_SSL_REDIRECT``)
``JIXIAO_PROXY_SSL_HEADER`` ``1`` when a proxy sets ``X-Forwarded-Proto`` (and strips it from clients)
``JIXIAO_SESSION_IDLE_MINUTES`` idle sessions end after this long, default 30
``JIXIAO_UPLOAD_MAX_BYTES`` per-upload limit, default 20 MB
``JIXIAO_LOGIN_FAILURES`` / ``JIXIAO_LOGIN_WINDOW_MINUTES`` / ``JIXIAO_LOGIN_LOCK_MINUTES`` login throttling,
                  default 5 failures in 15 minutes lock the account and the address for 15 minutes
``JIXIAO_TRUSTED_PROXIES`` comma separated proxy addresses whose ``X-Forwarded-For`` names the client
``REDIS_URL``     background jobs on RQ (Redis) instead of the database queue, e.g. ``redis://127.0.0.1:6379/0``
``JIXIAO_DAILY_HOUR`` the hour (local time) from which the daily jobs (reminders, old exports removed) are
                  queued, default 8
``JIXIAO_EXPORT_KEEP_DAYS`` days an export made by a background job is kept for download, default 7
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", "data")).resolve()

DEBUG = _flag("DEBUG")
# the key tests sign with: published, so never acceptable for a server others reach
TEST_SECRET_KEY = "insecure-test-key-never-use-in-production"


def _development_key(data_dir: Path) -> str:
    """The data directory's own random key, written on first start (several workers may race: first one wins)."""
    key_file = data_dir / "secret_key"
    try:
        return key_file.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# True when the key was not given by the environment: fine on 127.0.0.1, refused by ``jixiao serve`` elsewhere
JIXIAO_DEVELOPMENT_KEY = not SECRET_KEY
if not SECRET_KEY:
    if os.environ.get("PYTEST_VERSION") and not _flag("JIXIAO_INSECURE_DEV_KEY"):
        SECRET_KEY = TEST_SECRET_KEY
    elif DEBUG or _flag("JIXIAO_INSECURE_DEV_KEY"):
        SECRET_KEY = _development_key(DATA_DIR)
    else:
        raise RuntimeError(
            "SECRET_KEY is not set (set DEBUG=1 or JIXIAO_INSECURE_DEV_KEY=1 to generate a local development key "
            f"into {DATA_DIR / 'secret_key'})"
        )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "jixiao.web.core",
    "jixiao.web.organisations",
    "jixiao.web.accounts",
    "jixiao.web.targets",
    "jixiao.web.reviews",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "jixiao.web.jobs",
    "jixiao.web.yearly",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "jixiao.web.core.middleware.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao.web.core.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jixiao.web.core.middleware.RequestIdMiddleware",
    "jixiao.web.core.middleware.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "jixiao.web.core.middleware.LostSessionMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.core.context_processors.roles",
                "jixiao.web.targets.exporting.context",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}"),
        conn_max_age=int(os.environ.get("JIXIAO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Writers take the lock when their transaction starts (BEGIN IMMEDIATE) and queue behind each other for up
    # to 20 s: a deferred transaction that reads first and writes later fails at once with "database is
    # locked" when another writer got there in between. WAL lets pages be read while one request writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    if not os.environ.get("PYTEST_VERSION"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# the list index carries extra columns on PostgreSQL (index-only scans); SQLite simply builds it without them
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# zh-hans first; English is a switch away (the language switcher posts to /i18n/setlang/).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("JIXIAO_STATIC_ROOT") or None  # optional: collectstatic target
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the app folders: no collectstatic step needed

# sessions read through each process's memory cache: one query less per page (writes still go to the database)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# idle timeout: requests push the expiry on (core.middleware.SessionIdleMiddleware, at most once a minute),
# so a session ends this long after its last page
SESSION_COOKIE_AGE = 60 * int(os.environ.get("JIXIAO_SESSION_IDLE_MINUTES", "30"))
CSRF_COOKIE_HTTPONLY = False  # htmx reads it for hx-post requests
CSRF_FAILURE_VIEW = "jixiao.web.core.errors.csrf_failure"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind HTTPS (JIXIAO_HTTPS=1): cookies only over TLS, HSTS for a year, plain HTTP redirected.
_HTTPS = _flag("JIXIAO_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("JIXIAO_SECURE_COOKIES", _HTTPS)
SECURE_SSL_REDIRECT = _flag("JIXIAO_SSL_REDIRECT", _HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("JIXIAO_HSTS_SECONDS", "31536000" if _HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("JIXIAO_HSTS_INCLUDE_SUBDOMAINS", _HTTPS)
SECURE_HSTS_PRELOAD = _flag("JIXIAO_HSTS_PRELOAD", _HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health probe speaks plain HTTP
if _flag("JIXIAO_PROXY_SSL_HEADER"):
    # only when the proxy overwrites X-Forwarded-Proto: a client could otherwise claim HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = _flag("JIXIAO_USE_X_FORWARDED_HOST")

# Content-Security-Policy (core.middleware.SecurityHeadersMiddleware): everything from this origin only; no
# inline script (htmx's inline style injection is switched off in base.html), no frames, no plugins.
JIXIAO_CONTENT_SECURITY_POLICY = os.environ.get(
    "JIXIAO_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)

# Login throttling (accounts.throttle): per account and per address, recorded in the login history.
JIXIAO_LOGIN_FAILURES = int(os.environ.get("JIXIAO_LOGIN_FAILURES", "5"))
JIXIAO_LOGIN_WINDOW_MINUTES = int(os.environ.get("JIXIAO_LOGIN_WINDOW_MINUTES", "15"))
JIXIAO_LOGIN_LOCK_MINUTES = int(os.environ.get("JIXIAO_LOGIN_LOCK_MINUTES", "15"))
# the reverse proxies whose X-Forwarded-For names the client (for the throttle's per-address count)
JIXIAO_TRUSTED_PROXIES = frozenset(
    a.strip() for a in os.environ.get("JIXIAO_TRUSTED_PROXIES", "").split(",") if a.strip()
)
# API tokens expire after this many days unless the owner chooses otherwise when issuing one
JIXIAO_TOKEN_DAYS = int(os.environ.get("JIXIAO_TOKEN_DAYS", "90"))

# Uploads: one file may not exceed this; the request as a whole may hold a few such files.
JIXIAO_UPLOAD_MAX_BYTES = int(os.environ.get("JIXIAO_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
JIXIAO_UPLOAD_MAX_FILES = 20
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
JIXIAO_RULE_PROFILE = os.environ.get("JIXIAO_RULE_PROFILE", "national-2020")

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIXIAO_LOG_LEVEL", "WARNING")},
}

# Background jobs (jixiao.web.jobs) on Django's Tasks API: the database queue, or RQ when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend"}}
JIXIAO_JOB_STALE_SECONDS = int(os.environ.get("JIXIAO_JOB_STALE_SECONDS", "600"))
