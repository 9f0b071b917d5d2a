"""Django settings for Kad.

Everything that differs between machines is read from the environment (see README.md for the
table). Development defaults are safe to run on a laptop; ``DJANGO_ENV=production`` refuses to
start with insecure values and says which ones.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from marketplace.config import env_bool, env_int, env_list, env_str

# Lets generic Django classes be subscripted at run time (ModelAdmin[Vendor]), as the stubs expect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_str("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

# A development-only key; production refuses to start with it (see the checks at the bottom).
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-kad-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_htmx",
    "graphene_django",
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.municipalities",
    "marketplace.vendors",
    "marketplace.catalog",
    "marketplace.inventory",
    "marketplace.shipping",
    "marketplace.orders",
    "marketplace.checkout",
    "marketplace.analytics",
    "storefront",
    "vendor_portal",
    "search",
    "payments",
    "payments.ledger",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marketplace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vendor_portal.context_processors.portal",
                "storefront.context_processors.cart",
            ],
        },
    },
]

# --- Database: PostgreSQL only ------------------------------------------------------------------
# The default points at the private cluster that `make demo` / `infra/services up` start.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:54329/kad"
DATABASE_URL = env_str("DATABASE_URL", DEFAULT_DATABASE_URL)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…)")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, sessions, Celery broker ------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kad",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
# Without a broker (the quick start) tasks run in-process, so the site works with no Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True

# --- Elasticsearch ------------------------------------------------------------------------------
# Empty means search uses the PostgreSQL backend.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "kad")
# After Elasticsearch failed, search uses PostgreSQL and tries Elasticsearch again this much later.
SEARCH_RETRY_SECONDS = env_int("SEARCH_RETRY_SECONDS", 30)

# --- Stripe -------------------------------------------------------------------------------------
STRIPE_API_KEY = env_str("STRIPE_API_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
# Empty means Stripe's own API; tests point it at a local localstripe.
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)
# "manual": card payments are authorised at checkout and captured later (cards only, no PromptPay).
STRIPE_CAPTURE_METHOD = env_str("STRIPE_CAPTURE_METHOD", "automatic")
# The reconciliation task asks Stripe about payments pending longer than this (and younger than
# the maximum age), so a lost webhook does not leave an order unpaid.
PAYMENTS_RECONCILE_AFTER_MINUTES = env_int("PAYMENTS_RECONCILE_AFTER_MINUTES", 15)
PAYMENTS_RECONCILE_MAX_AGE_DAYS = env_int("PAYMENTS_RECONCILE_MAX_AGE_DAYS", 7)

# --- Vendor payouts ---------------------------------------------------------------------------
# "bank_batch": a CSV batch for the co-op's bank (the default in Thailand); "stripe_connect":
# Stripe transfers, for a platform whose Stripe account offers separate charges and transfers.
PAYOUT_METHOD = env_str("PAYOUT_METHOD", "bank_batch")
# Credits younger than this are held back from a payout run (time for returns and disputes).
PAYOUT_HOLD_DAYS = env_int("PAYOUT_HOLD_DAYS", 7)

# --- City data platform feed --------------------------------------------------------------------
CDLP_FEED_URL = env_str("CDLP_FEED_URL", "")
CDLP_FEED_SECRET = env_str("CDLP_FEED_SECRET", "")

# --- Media storage ------------------------------------------------------------------------------
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / ".local" / "static")))
# Front-end packages come from npm at build time (`make install` runs `npm ci`); no runtime CDN.
STATICFILES_DIRS = [("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist")]
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if AWS_STORAGE_BUCKET_NAME:
    # Any S3-compatible store (AWS, MinIO, Ceph); credentials come from the usual AWS_* variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Users and passwords ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The storefront's sign-in page serves shoppers and artisans alike.
LOGIN_URL = "storefront:login"
LOGIN_REDIRECT_URL = "storefront:account"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kad <no-reply@localhost>")

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- GraphQL ------------------------------------------------------------------------------------
GRAPHENE = {
    "SCHEMA": "marketplace.graphql.schema.schema",
    "SCHEMA_OUTPUT": str(BASE_DIR / "schema.graphql"),
    "SCHEMA_INDENT": 2,
}
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 12)
GRAPHQL_MAX_DOCUMENT_BYTES = env_int("GRAPHQL_MAX_DOCUMENT_BYTES", 20_000)
GRAPHIQL_ENABLED = DEBUG

# --- Clients and proxies ----------------------------------------------------------------------
# How many reverse proxies stand in front of the web processes: the client's address is taken
# that many hops from the right of X-Forwarded-For (per-IP rate limits need the real address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Storefront hosts (besides ALLOWED_HOSTS) that links in e-mails may point at.
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS", [])

# --- Uploads and stock --------------------------------------------------------------------------
KAD_MAX_UPLOAD_BYTES = env_int("KAD_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
KAD_MAX_IMAGE_PIXELS = env_int("KAD_MAX_IMAGE_PIXELS", 40_000_000)
KAD_LOW_STOCK_THRESHOLD = env_int("KAD_LOW_STOCK_THRESHOLD", 3)

# --- Health checks ------------------------------------------------------------------------------
HEALTH_CHECK_TIMEOUT_SECONDS = float(env_str("HEALTH_CHECK_TIMEOUT_SECONDS", "2"))

# --- Security -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# --- Logging: readable in development, JSON lines in production ---------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "readable": {"format": "%(asctime)s %(levelname)-7s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "json" if PRODUCTION else "readable"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}


def production_problems(*, debug: bool, secret_key: str, allowed_hosts: list[str]) -> list[str]:
    """Name every setting that is unsafe for production."""
    problems = []
    if debug:
        problems.append("DEBUG is on: set DEBUG=0")
    if not secret_key or secret_key == INSECURE_DEFAULT_SECRET_KEY or len(secret_key) < 32:
        problems.append("SECRET_KEY is the development default or too short: set a random key")
    if not allowed_hosts or any(host == "*" or host.startswith("*") for host in allowed_hosts):
        problems.append("ALLOWED_HOSTS is empty or a wildcard: list the site's host names")
    return problems


if PRODUCTION:
    _problems = production_problems(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)
    if _problems:
        raise ImproperlyConfigured(
            "Refusing to start with DJANGO_ENV=production: " + "; ".join(_problems)
        )
