"""Sakoo settings: one file, driven by the environment.

``SAKOO_ENV`` selects the mode: ``development`` (default), ``test`` or ``production``.
Production refuses to start without a real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "django-insecure-sakoo-development-key-never-use-in-production"  # noqa: S105


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SAKOO_ENV = os.environ.get("SAKOO_ENV", "development").strip().lower()
if SAKOO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("SAKOO_ENV must be development, test or production")
PRODUCTION = SAKOO_ENV == "production"

DEBUG = env_bool("DEBUG", default=SAKOO_ENV == "development")
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if PRODUCTION:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "Production needs SECRET_KEY: at least 50 random characters, not the development key."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS: a comma-separated list of host names.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")

# The province this installation serves (SCI two-digit code); 03 = East Azerbaijan.
SAKOO_PROVINCE = os.environ.get("SAKOO_PROVINCE", "03")
# Demo installations label every page that shows synthetic data.
SAKOO_DEMO = env_bool("SAKOO_DEMO", default=not PRODUCTION)


def env_site_url(name: str) -> str:
    """The public address of the site (scheme and host, optionally a path prefix), without the final
    slash. Unset: the development server outside production, ``https://<first ALLOWED_HOSTS name>``
    in production (``check --deploy`` notes that it was derived)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if not PRODUCTION:
            return "http://127.0.0.1:8000"
        host = ALLOWED_HOSTS[0]
        if host.startswith(".") or "*" in host:
            raise ImproperlyConfigured(f"Production needs {name}, e.g. https://sakoo.example.ir")
        return f"https://{host}"
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must be an absolute http(s) address, got {raw!r}")
    return raw.rstrip("/")


# Links in SMS and e-mail notices are made absolute with this address.
SAKOO_SITE_URL = env_site_url("SAKOO_SITE_URL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    # Sakoo apps, lower layers first (see docs/architecture.md)
    "sakoo.core",
    "sakoo.geo",
    "sakoo.classifications",
    "sakoo.accounts",
    "sakoo.workcal",
    "sakoo.employers",
    "sakoo.seekers",
    "sakoo.vacancies",
    "sakoo.search",
    "sakoo.facilities",
    "sakoo.atlas",
    "sakoo.monitoring",
    "sakoo.resolutions",
    "sakoo.squares",
    "sakoo.cooperatives",
    "sakoo.partnerships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sakoo.core.middleware.PersianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sakoo.core.middleware.CSPMiddleware",  # django-csp, with the header built once
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakoo.core.context_processors.sakoo",
            ],
        },
    }
]

# Database: SQLite (WAL, busy timeout, immediate transactions) unless DATABASE_URL is set.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "sakoo.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sakoo"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: rotate at login (Django does), expire when idle.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Internationalisation: Persian first, English second; Jalali dates come from sakoo.core.jalali.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"

# Leaflet comes from the django-leaflet package; its app needs GDAL (GeoDjango) which Sakoo does not use,
# so only its static files are served, under /static/leaflet/.
_LEAFLET_SPEC = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [BASE_DIR / "static"]
if _LEAFLET_SPEC and _LEAFLET_SPEC.submodule_search_locations:
    STATICFILES_DIRS.append(Path(next(iter(_LEAFLET_SPEC.submodule_search_locations))) / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Background work: django-tasks with its database backend (no broker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if SAKOO_ENV == "test":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SMS: pluggable sender. Console prints to stdout in development.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "sakoo.accounts.sms.ConsoleSMSBackend")
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
# Login codes and lockout (sakoo.accounts.selectors has the per-phone/per-IP send limits).
OTP_CODE_TTL_SECONDS = env_int("OTP_CODE_TTL_SECONDS", 5 * 60)
OTP_RESEND_COOLDOWN_SECONDS = 60
OTP_MAX_ATTEMPTS = 5
LOGIN_LOCKOUT_SECONDS = 15 * 60
LOGIN_LOCKOUT_USER_FAILURES = 5
LOGIN_LOCKOUT_IP_FAILURES = 20
OTP_TOTP_ISSUER = "Sakoo"
if SAKOO_ENV == "test":
    # Fast hashing for the test suite only (factories create many users).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Behind N reverse proxies, the client address is the N-th from the right of X-Forwarded-For.
SAKOO_TRUSTED_PROXY_COUNT = env_int("SAKOO_TRUSTED_PROXY_COUNT", 0)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sakoo@localhost")

# Content-Security-Policy (django-csp 4): no inline scripts or styles, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

NINJA_PAGINATION_PER_PAGE = 20

# Search (sakoo.search): the tantivy index is a cache of the database, one directory per app server.
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", BASE_DIR / "var" / "search-index"))
# Public search API: requests per minute per client IP (0 = no limit, e.g. for the benchmark).
SEARCH_API_RATE_LIMIT = env_int("SEARCH_API_RATE_LIMIT", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal": {"()": "sakoo.core.logging.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_personal"], "formatter": "plain"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "sakoo.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
