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

from marketplace.config import env_bool, env_int, env_list, env_str, url_origin

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
    # django.contrib.admin, with `admin.site` requiring a verified TOTP device (two-factor).
    "marketplace.core.admin_apps.KadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_prometheus",
    "csp",
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
    # First and last: request counts and latency by view (django-prometheus).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "marketplace.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "marketplace.core.security.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF reads POST): refuses oversized requests with a 413.
    "marketplace.core.security.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "marketplace.core.otp.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
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
# The same backend, counting queries, errors and connections for /metrics.
DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, sessions, Celery broker ------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, counting hits and misses for /metrics.
            "BACKEND": "marketplace.core.metrics.InstrumentedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kad",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django_prometheus.cache.backends.locmem.LocMemCache"}}

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
STATICFILES_DIRS = [
    BASE_DIR / "marketplace" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
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
# Upload limits. Django caps the form fields of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) and the
# number of files, and keeps files above FILE_UPLOAD_MAX_MEMORY_SIZE on disk instead of in memory;
# it does not cap a file's size. Every upload service checks its file against
# KAD_MAX_UPLOAD_BYTES (below), and KAD_MAX_REQUEST_BYTES bounds a whole request before it is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 20)

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
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kad <no-reply@localhost>")

# The co-op's bank account that shoppers paying by bank transfer send money to (shown on the
# payment page, several lines allowed). Outside production a clearly marked demo account.
KAD_BANK_TRANSFER_DETAILS = env_str(
    "KAD_BANK_TRANSFER_DETAILS",
    ""
    if PRODUCTION
    else "ธนาคารกรุงไทย สาขาลำพูน\\nบัญชี 000-0-00000-0 (ตัวอย่าง — demo only)\\nสหกรณ์กาดลำพูน",
).replace("\\n", "\n")  # one line in an env file, `\n` between lines

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
# Query cost: 1 per field; what a paginated field selects counts `first`/`last` times (this many
# when neither is given). See marketplace.graphql.views.QueryCost.
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 10_000)
GRAPHQL_COST_DEFAULT_LIST_SIZE = env_int("GRAPHQL_COST_DEFAULT_LIST_SIZE", 100)
# `__schema` / `__type`: on in development, off in production unless asked for.
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", not PRODUCTION)
# Files in one GraphQL multipart request (each at most KAD_MAX_UPLOAD_BYTES).
GRAPHQL_MAX_UPLOAD_FILES = env_int("GRAPHQL_MAX_UPLOAD_FILES", 10)
GRAPHIQL_ENABLED = DEBUG

# --- Clients and proxies ----------------------------------------------------------------------
# How many reverse proxies stand in front of the web processes: the client's address is taken
# that many hops from the right of X-Forwarded-For (per-IP rate limits need the real address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Storefront hosts (besides ALLOWED_HOSTS) that links in e-mails may point at.
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS", [])

# --- Uploads and stock --------------------------------------------------------------------------
KAD_MAX_UPLOAD_BYTES = env_int("KAD_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
# A whole request (all its files and fields); larger ones get a 413 before they are read.
KAD_MAX_REQUEST_BYTES = env_int("KAD_MAX_REQUEST_BYTES", 4 * KAD_MAX_UPLOAD_BYTES)
KAD_MAX_IMAGE_PIXELS = env_int("KAD_MAX_IMAGE_PIXELS", 40_000_000)
KAD_LOW_STOCK_THRESHOLD = env_int("KAD_LOW_STOCK_THRESHOLD", 3)

# --- Health checks ------------------------------------------------------------------------------
HEALTH_CHECK_TIMEOUT_SECONDS = float(env_str("HEALTH_CHECK_TIMEOUT_SECONDS", "2"))

# --- Security -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Preload-ready: a year, subdomains included; SECURE_HSTS_PRELOAD=1 once the domain (and every
    # subdomain) is HTTPS-only for good, before submitting it to hstspreload.org.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The probes and Prometheus call plain HTTP inside the cluster.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# Browser features: the camera for our own pages (artisans photograph products in the portal),
# payment for the Stripe payment page; nothing else.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": ["self"],
    "payment": ["self", '"https://js.stripe.com"'],
    "microphone": [],
    "geolocation": [],
    "usb": [],
}

# Content-Security-Policy (django-csp 4). Scripts and styles come only from our own static files
# (htmx included); pictures also from data: URIs (the admin's QR code) and the media host.
_MEDIA_ORIGINS = sorted(
    {
        origin
        for origin in (
            url_origin(f"https://{env_str('AWS_S3_CUSTOM_DOMAIN')}")
            if env_str("AWS_S3_CUSTOM_DOMAIN")
            else "",
            url_origin(env_str("AWS_S3_ENDPOINT_URL")),
            url_origin(MEDIA_URL),
        )
        if origin
    }
)
if AWS_STORAGE_BUCKET_NAME and not _MEDIA_ORIGINS:
    _MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    # GraphiQL (development only) loads React from a CDN with inline scripts.
    "EXCLUDE_URL_PREFIXES": ["/graphql/"] if GRAPHIQL_ENABLED else [],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# What the payment page adds for Stripe.js (its view: `@csp_update(settings.CSP_STRIPE)`), from
# Stripe's CSP guide; no other page may load it.
CSP_STRIPE: dict[str, list[str]] = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}

# Two-factor sign-in for staff (operators, officers, superusers) with TOTP authenticator apps.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Kad")
# A staff member without a device sets one up after the password at their first admin sign-in;
# off: an operator must give them one (`manage.py otp_device_reset` removes a lost one).
KAD_OTP_SELF_ENROLMENT = env_bool("KAD_OTP_SELF_ENROLMENT", True)
# Staff pages outside /admin/ that also need the second factor.
KAD_OTP_REQUIRED_PATHS = ["/reports/"]

# --- Observability ------------------------------------------------------------------------------
# /metrics answers requests from these networks that did not come through a proxy, or anyone
# with `Authorization: Bearer <METRICS_TOKEN>`. PROMETHEUS_MULTIPROC_DIR (an emptied folder) turns
# on multiprocess collection for gunicorn workers and Celery's prefork children.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_NETWORKS = env_list(
    "METRICS_ALLOWED_NETWORKS",
    ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
)
# Errors go to Sentry when SENTRY_DSN is set; no personal data is sent.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=env_str("SENTRY_ENVIRONMENT", DJANGO_ENV),
        release=env_str("SENTRY_RELEASE", "") or None,
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# --- Logging: readable in development, JSON lines in production ---------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "readable": {
            "format": "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s]: %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    # Every record gets `request_id` (the request's, or the task's that a request queued).
    "filters": {"request_id": {"()": "marketplace.core.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "json" if PRODUCTION else "readable"),
            "filters": ["request_id"],
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
