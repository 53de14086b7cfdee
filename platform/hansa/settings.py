"""Django settings for Hansa, read from the environment.

Every deployment difference is an environment variable (see the README's configuration table). With
DEBUG off the process refuses to start on the development secret key or without HANSA_BASE_DOMAIN.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from hansa.observability import init_sentry, logging_config
from hansa.production import storage_roots
from hansa.redis_url import broker_url_from_redis_url

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("HANSA_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_tristate(name: str) -> bool | None:
    """On, off, or unset (None) — for settings whose default depends on the situation."""
    value = os.environ.get(name, "").strip()
    return None if not value else value.lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
DEV_SECRET_KEY = "hansa-development-only-secret-key-change-me"  # noqa: S105 - refused below unless DEBUG
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
_base_domain_env = os.environ.get("HANSA_BASE_DOMAIN", "")
HANSA_BASE_DOMAIN = _base_domain_env or "localhost:8000"
HANSA_SCHEME = os.environ.get(
    "HANSA_SCHEME", "http" if DEBUG or HANSA_BASE_DOMAIN.startswith("localhost") else "https"
)

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off "
            "(set DEBUG=1 for local development)."
        )
    if not _base_domain_env:
        raise ImproperlyConfigured(
            "HANSA_BASE_DOMAIN must be set when DEBUG is off, e.g. HANSA_BASE_DOMAIN=hansa.example.com."
        )

# The host part without the port: django-tenants matches domains without ports.
HANSA_BASE_HOST = HANSA_BASE_DOMAIN.split(":")[0].lower()
ALLOWED_HOSTS = [HANSA_BASE_HOST, f".{HANSA_BASE_HOST}"]
if DEBUG:
    ALLOWED_HOSTS += ["testserver", ".testserver", "127.0.0.1"]

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "identity",
    "kernel",
    "console",
    "notifications",
    "marketplace.directory",
    "marketplace.catalog",
    "marketplace.rfq",
    "marketplace.exchange",
    "marketplace.sharing",
    "billing",
    "hansa.fleet",
    "tenantdata",
    "django.contrib.contenttypes",
    "django.contrib.postgres",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
]
# Sessions live in each tenant's own schema as well, so a session made on one company's host does not
# exist on any other company's host.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "marketplace.exchange.inbox",
    "tenants.inventory",
    "tenants.procurement",
    "tenants.sales",
    "tenants.finance",
    "tenants.supplychain.sharing",
    "tenants.supplychain.replenishment",
    "tenants.supplychain.planning",
    "tenants.supplychain.tracking",
    "tenants.supplychain.routing",
]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Company"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "hansa.urls_public"
ROOT_URLCONF = "hansa.urls_tenant"
TENANT_LIMIT_SET_CALLS = True
# Used only by the clone path of bench/provisioning.py; sign-up uses the warm pool.
TENANT_BASE_SCHEMA = os.environ.get("HANSA_TENANT_BASE_SCHEMA") or None
HANSA_POOL_SIZE = int(os.environ.get("HANSA_POOL_SIZE", "3"))
# Fleet migrations (hansa.fleet): worker processes (0: sized to the machine and max_connections) and how
# long one schema waits for a table lock before it fails (it is retried by the next run with --resume).
HANSA_FLEET_WORKERS = int(os.environ.get("HANSA_FLEET_WORKERS", "0"))
HANSA_FLEET_LOCK_TIMEOUT = float(os.environ.get("HANSA_FLEET_LOCK_TIMEOUT", "30"))
HANSA_SIGNUP_RATE = os.environ.get("HANSA_SIGNUP_RATE", "30/hour")
HANSA_API_KEY_RATE = os.environ.get("HANSA_API_KEY_RATE", "600/min")
# Demo data for `./hansa run`: on (create it if absent), off (never), unset (only into an empty database).
HANSA_DEMO = _env_tristate("HANSA_DEMO")

MIDDLEWARE = [
    # Security headers first, so that every response carries them, early 404/403s of unknown hosts too.
    "django.middleware.security.SecurityMiddleware",
    "hansa.security.ContentSecurityPolicyMiddleware",
    # Health probes answer on any host (a load balancer probes a target by its address, over plain HTTP:
    # SECURE_REDIRECT_EXEMPT keeps them off the HTTPS redirect).
    "kernel.health.ProbeMiddleware",
    "kernel.tenancy.TenantHostMiddleware",
    "hansa.observability.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kernel.limits.BodySizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "identity.middleware.MembershipMiddleware",
    "billing.middleware.BillingAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "hansa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "hansa.wsgi.application"


def _database_from_env() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise ImproperlyConfigured(
            "DATABASE_URL is not set. `hansa run` and `./hansa test` start an embedded PostgreSQL and set it; "
            "for any other entry point set DATABASE_URL=postgres://user@host:5432/dbname."
        )
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True))
    config["ENGINE"] = "django_tenants.postgresql_backend"
    config.setdefault("TEST", {})["NAME"] = os.environ.get("HANSA_TEST_DATABASE", "test_" + config["NAME"])
    return config


DATABASES = {"default": _database_from_env()}
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is not set. `hansa run` and `./hansa test` start an embedded Redis and set it; "
        "for any other entry point set REDIS_URL=redis://host:6379/0."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": "kernel.tenancy.tenant_cache_key",
        "KEY_PREFIX": os.environ.get("HANSA_CACHE_PREFIX", "hansa"),
    }
}

AUTH_USER_MODEL = "identity.User"
# One backend only: it is allauth's, restricted to the members of the company whose host is in use.
AUTHENTICATION_BACKENDS = ["identity.backends.MemberAwareBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "identity.hashers.HansaArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Sessions: one cookie per host (no Domain attribute), stored in the host's own schema.
SESSION_COOKIE_NAME = "hansa_session"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "kernel.errors.csrf_failure"
CSRF_TRUSTED_ORIGINS = [f"{HANSA_SCHEME}://{HANSA_BASE_DOMAIN}", f"{HANSA_SCHEME}://*.{HANSA_BASE_DOMAIN}"]
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# allauth, headless only: the SPA is the user interface.
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser", "app")
# Absolute, on the public host: these links are mailed, often from a worker with no request at hand.
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{HANSA_SCHEME}://{HANSA_BASE_DOMAIN}/account/verify-email/{{key}}",
    "account_reset_password": f"{HANSA_SCHEME}://{HANSA_BASE_DOMAIN}/account/password/reset",
    "account_reset_password_from_key": f"{HANSA_SCHEME}://{HANSA_BASE_DOMAIN}/account/password/reset/{{key}}",
    "account_signup": f"{HANSA_SCHEME}://{HANSA_BASE_DOMAIN}/signup",
}
ACCOUNT_ADAPTER = "identity.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Password reset (docs/identity.md): a request for an unknown address is answered like one for a known
# address (allauth's PREVENT_ENUMERATION) and its e-mail says there is no account; the link of a real one
# works for an hour, once (the token is bound to the password hash), and the new password ends every
# session of the account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
PASSWORD_RESET_TIMEOUT = 60 * 60
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hansa] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_ADAPTER = "identity.adapters.MfaAdapter"  # TOTP secrets and recovery seeds encrypted at rest
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hansa"

REST_FRAMEWORK = {
    # Secure by default: a view admits only members (or API keys) of the host's company holding its
    # required_permission; public and operator views opt out explicitly.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kernel.api.SessionAuthentication",
        "identity.authentication.ApiKeyAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["identity.access.HasPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["identity.authentication.ApiKeyRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "kernel.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "kernel.openapi.HansaAutoSchema",
    "EXCEPTION_HANDLER": "kernel.errors.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
OPENAPI_DESCRIPTION = """Multi-tenant B2B commerce platform.

**Hosts.** The public host (`HANSA_BASE_DOMAIN`) serves sign-up, sign-in, the public marketplace and the
operator console; each company's host (`<slug>.<base domain>`) serves its workspace API. Each host serves
its own document at `/api/schema/` (YAML; JSON with `?format=json`) and `/api/docs/`.

**Authentication.** Two schemes (see `components.securitySchemes`):
- *API key* (integrations): `Authorization: Bearer hansa_<prefix>_<secret>`, created by an owner under
  `/api/api-keys/` on the company's host and accepted on that host only. No CSRF token is needed.
- *Session* (the web app): the `hansa_session` cookie set by signing in on the host. Every POST, PUT,
  PATCH and DELETE must also send the CSRF cookie's value (`__Host-csrftoken` on HTTPS, `csrftoken` in
  development) in the `X-CSRFToken` header; a missing or wrong token answers `403` with code `csrf_failed`.

**Errors** are RFC 9457 `application/problem+json` bodies (schema `Problem`) with a stable `code`; a
`validation_error` lists messages per field under `errors`. React to `code`, not to `title` or `detail`.

**Lists** are paginated: `?page=` (from 1) and `?page_size=` (1 to 200, default 50); the answer is
`{"count", "next", "previous", "results"}`; follow `next` until it is null.

**Retrying creates.** Every operation that creates something accepts an optional `Idempotency-Key` header.
The first request with a key runs, and its 2xx response is stored in the same database transaction as its
effect; a retry with the same key and body (kept at least 24 hours) replays that response byte for byte
with `Idempotent-Replayed: true` and does nothing again. A failed request (non-2xx) stores nothing, so the
key is free for a corrected retry. The same key with another body is `409 idempotency_key_reused`; while the
first request with a key is still running, another is `409 idempotency_key_in_progress` (retry later).
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Hansa API",
    "DESCRIPTION": OPENAPI_DESCRIPTION,
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "ENUM_NAME_OVERRIDES": {
        "TrackingEventTypeEnum": "tenants.supplychain.tracking.models.EventType",
        "TradeDocumentKindEnum": "marketplace.exchange.kinds.DocumentKind",
        "ReplenishmentMethodEnum": "marketplace.sharing.models.PolicyMethod",
        "TradeDocumentStateEnum": "marketplace.exchange.kinds.DeliveryState",
        "LedgerKindEnum": "tenants.inventory.models.LedgerKind",
        "StockSourceEnum": "marketplace.catalog.models.StockSource",
        "PurchaseOrderStatusEnum": "tenants.procurement.models.PoStatus",
        "SalesOrderStatusEnum": "tenants.sales.models.OrderStatus",
        "SettlementStatusEnum": "tenants.procurement.models.SettlementStatus",
        "FinanceInvoiceStatusEnum": "tenants.finance.models.InvoiceStatus",
        "FinanceInvoiceKindEnum": "tenants.finance.models.InvoiceKind",
        "BillTypeEnum": "tenants.finance.models.BillType",
        "AccountTypeEnum": "tenants.finance.models.AccountType",
        "BillDirectionEnum": "tenants.finance.models.BillDirection",
        "BillStatusEnum": "tenants.finance.models.BillStatus",
        "PaymentDirectionEnum": "tenants.finance.models.PaymentDirection",
        "InvoiceDirectionEnum": "tenants.finance.models.InvoiceDirection",
        "CostMovementKindEnum": "tenants.finance.models.CostMovementKind",
        "LandedCostKindEnum": "tenants.finance.models.LandedCostKind",
        "ShipmentCostKindEnum": "tenants.finance.models.ShipmentCostKind",
        "WorkOrderCostLineKindEnum": "tenants.finance.models.WorkOrderCostLineKind",
        "WorkOrderCostStatusEnum": "tenants.finance.models.WorkOrderCostStatus",
    },
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected static files and uploads: under HANSA_VAR_DIR unless HANSA_STATIC_ROOT / HANSA_MEDIA_ROOT say
# otherwise; `hansa serve` refuses roots inside the checkout (docs/operations.md).
_storage_roots = storage_roots(os.environ, checkout=BASE_DIR)
STATIC_ROOT = _storage_roots["HANSA_STATIC_ROOT"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start when it is missing
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = _storage_roots["HANSA_MEDIA_ROOT"]
# Per-company backups (docs/tenantdata.md): outside the checkout, under HANSA_VAR_DIR unless set.
HANSA_BACKUP_ROOT = Path(os.environ.get("HANSA_BACKUP_ROOT") or VAR_DIR / "backups")
HANSA_BACKUP_KEEP_DAILY = int(os.environ.get("HANSA_BACKUP_KEEP_DAILY", "7"))
HANSA_BACKUP_KEEP_WEEKLY = int(os.environ.get("HANSA_BACKUP_KEEP_WEEKLY", "4"))
HANSA_EXPORT_ROOT = Path(os.environ.get("HANSA_EXPORT_ROOT") or VAR_DIR / "exports")
# A closed company's data is kept this many days (an operator can reopen it), then erased.
HANSA_CLOSURE_RETENTION_DAYS = int(os.environ.get("HANSA_CLOSURE_RETENTION_DAYS", "90"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("HANSA_MAX_BODY_BYTES", str(2 * 1024 * 1024)))

_email_url = os.environ.get("EMAIL_URL") or ("console:" if DEBUG else f"file://{VAR_DIR / 'mail'}")
_email = dj_email_url.parse(_email_url)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
if _email_url.startswith("file:///") and EMAIL_FILE_PATH and not EMAIL_FILE_PATH.startswith("/"):
    # dj-email-url drops the leading slash of an absolute path: the mail would land under the working directory.
    EMAIL_FILE_PATH = "/" + EMAIL_FILE_PATH
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hansa <no-reply@hansa.local>")

# Celery: tenant-aware tasks (tenant-schemas-celery) over Redis. CELERY_BROKER_URL puts the broker on
# another Redis than the cache's (docs/operations.md, "Failure and recovery").
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or broker_url_from_redis_url(REDIS_URL)
# A broker that hangs without closing the connection (stopped, failed over, a dropped NAT entry) would
# otherwise hold every publish, and so every request that enqueues after commit, for ever.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": float(os.environ.get("HANSA_BROKER_SOCKET_TIMEOUT", "2")),
    "socket_connect_timeout": float(os.environ.get("HANSA_BROKER_SOCKET_TIMEOUT", "2")),
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = _env_bool("HANSA_CELERY_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
HANSA_OUTBOX_SWEEP_AFTER_SECONDS = int(os.environ.get("HANSA_OUTBOX_SWEEP_AFTER_SECONDS", "30"))
# After a failed publish, a process leaves enqueues to the sweepers for this long (kernel.outbox).
HANSA_ENQUEUE_PAUSE_SECONDS = float(os.environ.get("HANSA_ENQUEUE_PAUSE_SECONDS", "10"))

# Billing (docs/billing.md). Stripe is used when its secret key is set; otherwise the offline gateway
# bills by invoice and an operator records bank transfers.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Another address for Stripe's API (a local fake or stripe-mock); empty: api.stripe.com.
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
# How old a webhook's signature timestamp may be (seconds), as Stripe's libraries default to.
STRIPE_WEBHOOK_TOLERANCE = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE", "300"))
STRIPE_MAX_NETWORK_RETRIES = int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "2"))
HANSA_TRIAL_PLAN = os.environ.get("HANSA_TRIAL_PLAN", "growth")
HANSA_BILLING_INVOICE_PREFIX = "HB"
HANSA_BILLING_PAYMENT_TERMS_DAYS = int(os.environ.get("HANSA_BILLING_PAYMENT_TERMS_DAYS", "14"))
# Past due -> read-only after the grace period; read-only -> suspended after this many more days.
HANSA_BILLING_GRACE_DAYS = int(os.environ.get("HANSA_BILLING_GRACE_DAYS", "7"))
HANSA_BILLING_SUSPEND_AFTER_DAYS = int(os.environ.get("HANSA_BILLING_SUSPEND_AFTER_DAYS", "30"))
# VAT the platform charges by the company's country (percent); "*" for any other country.
HANSA_BILLING_VAT_RATES = {"CN": "6.00", "DE": "19.00", "FR": "20.00", "*": "0"}
# The seller on the platform's invoices.
HANSA_BILLING_SELLER = {
    "name": os.environ.get("HANSA_BILLING_SELLER_NAME", "Hansa Platform Ltd."),
    "address": os.environ.get("HANSA_BILLING_SELLER_ADDRESS", "Shanghai, China"),
    "tax_id": os.environ.get("HANSA_BILLING_SELLER_TAX_ID", ""),
    "email": os.environ.get("HANSA_BILLING_SELLER_EMAIL", "billing@hansa.local"),
}
# Where a company sends a bank transfer (shown on invoices and the billing page).
HANSA_BILLING_BANK_DETAILS = os.environ.get(
    "HANSA_BILLING_BANK_DETAILS",
    "Hansa Platform Ltd. · Bank of Example, Shanghai Branch · Account 6222 0000 1234 5678 · SWIFT EXAMCNSH",
)
# The font for Chinese text in PDF documents (kernel.documents.fonts): empty picks the first TrueType CJK
# font found on the machine (fonts-wqy-zenhei ...) and embeds it, else Adobe's STSong-Light CID font that
# every PDF reader supplies; a path (``file.ttc#N`` for a collection's N-th face) embeds that font;
# ``STSong-Light`` never embeds. Noto CJK's OpenType (CFF) fonts cannot be embedded by ReportLab.
HANSA_PDF_CJK_FONT = os.environ.get("HANSA_PDF_CJK_FONT", "")
# Paths a read-only workspace may still write to, and a billing-suspended one may still reach.
HANSA_BILLING_LOCK_OPEN_PATHS = ("/api/billing/", "/_allauth/", "/api/session/")
HANSA_SUSPENDED_BILLING_PATHS = ("/api/billing/", "/_allauth/", "/api/me/", "/api/session/")
# Links a browser follows that a suspended workspace answers with its web app (which shows why).
HANSA_SUSPENDED_PAGE_PATHS = ("/api/session/handoff/",)

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
LOGGING = logging_config(json_logs=_env_bool("HANSA_JSON_LOGS", not DEBUG))
init_sentry(
    SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "development" if DEBUG else "production")
)

# The operator console's MRR in one currency: each subscription's monthly base price, converted to CNY at
# these fixed rates (CNY per unit). A reporting convention, not a market rate: change it here, deliberately,
# and every figure of the revenue dashboard and the fleet list moves with it. A currency missing here is
# left out of the CNY totals (its own-currency MRR is still shown).
CONSOLE_CNY_RATES: dict[str, str] = {"CNY": "1", "USD": "7.20", "EUR": "7.80"}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

from hansa.security import apply_production_security  # noqa: E402 - hardening applies last

apply_production_security(globals())
