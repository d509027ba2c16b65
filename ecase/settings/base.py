"""Settings shared by every mode. Everything that differs between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: translated name columns (ecase/translation.py, complaints/translation.py)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ecase.apps.EcaseConfig",
    "approvals.apps.ApprovalsConfig",
    "complaints.apps.ComplaintsConfig",
    "stats.apps.StatsConfig",
    "signatures.apps.SignaturesConfig",
    "integrations.apps.IntegrationsConfig",
    "legality.apps.LegalityConfig",
]

MIDDLEWARE = [
    "ecase.security.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ecase.security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ecase.middleware.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecase.security.middleware.ControlCharacterMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ecase.security.middleware.SecondFactorMiddleware",
    "integrations.middleware.IdempotencyMiddleware",
    "integrations.concurrency.ETagMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ecase.urls"
WSGI_APPLICATION = "ecase.wsgi.application"
ASGI_APPLICATION = "ecase.asgi.application"

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
                "ecase.context_processors.navigation",
            ],
        },
    },
]

# Embedded default: a SQLite file next to the code. Production and CI set DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer lock instead of failing at once when the worker and the web write together.
    # IMMEDIATE transactions take the write lock at BEGIN, so two writers queue instead of one failing with
    # "database is locked" when it upgrades a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ecase.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# One date format per language (ecase/formats/<lang>/formats.py), for output and for form input alike.
FORMAT_MODULE_PATH = ["ecase.formats"]
# Names of organisations, grounds and complaint kinds are model fields per language (django-modeltranslation):
# a missing Kazakh name shows the Russian one, another missing name the first of English, Russian, Kazakh.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru", "kk"), "kk": ("ru", "en")}
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Documents are never served from a public URL: downloads go through a view that checks visibility.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: documents attached to cases, decisions and complaints.
DOCUMENT_MAX_SIZE = env.int("DOCUMENT_MAX_SIZE", default=10 * 1024 * 1024)
DOCUMENT_ALLOWED_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "docx", "odt", "txt"]
# Any request body above this is answered 413 before it is read.
REQUEST_BODY_MAX_SIZE = DOCUMENT_MAX_SIZE + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Cache: Redis when REDIS_URL is set (shared rate-limit counters), local memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="eCase <noreply@ecase.local>")

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, so reminders run
# on a fresh machine with no servers at all.
CELERY_BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(BASE_DIR / ".celery-broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "integrations.authentication.ServiceTokenAuthentication",  # before the personal tokens: ecs_ tokens
        "ecase.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "integrations.concurrency.IfMatch",  # 412 on a stale If-Match (an object permission: after visibility)
    ],
    "DEFAULT_PAGINATION_CLASS": "ecase.api.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ecase.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auth": env.str("THROTTLE_AUTH", default="10/min"),
        "public": env.str("THROTTLE_PUBLIC", default="5/min"),
        "public_lookup": env.str("THROTTLE_PUBLIC_LOOKUP", default="30/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
API_TOKEN_LIFETIME = timedelta(hours=env.int("API_TOKEN_LIFETIME_HOURS", default=12))

SPECTACULAR_SETTINGS = {
    "TITLE": "eCase API",
    "DESCRIPTION": "Electronic criminal proceedings: case register, prosecutor's approvals, complaints.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

# Signing key for approved decisions (the default, server-side signer).
DECISION_SIGNING_KEY = env.str("DECISION_SIGNING_KEY", default="")
# --- approvals (issue 4): the decision signer, an import path (the national EDS / NCALayer plugs in here).
DECISION_SIGNER = env.str("DECISION_SIGNER", default="approvals.signing.HmacSha256Signer")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- REST API hardening and schema names (ecase/api) ---
# JSON parser that answers 400 (not 500) to absurdly nested documents.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "ecase.api.parsers.JSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]
# Rate limits key on REMOTE_ADDR; a client-sent X-Forwarded-For is trusted only behind this many proxies.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("API_NUM_PROXIES", default=0)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "OrganisationKindEnum": "ecase.choices.OrganisationKind",
    "ActionKindEnum": "ecase.choices.ActionKind",
    "CaseStatusEnum": "ecase.choices.CaseStatus",
    "ParticipantRoleEnum": "ecase.choices.ParticipantRole",
    "TermUnitEnum": "ecase.terms.choices.TermUnit",
    "SkipReasonEnum": "ecase.terms.choices.SkipReason",
    "SeverityEnum": "ecase.choices.Severity",  # keeps its name beside the findings severity
    "FindingSeverityEnum": "legality.choices.FindingSeverity",
    "FindingStatusEnum": "legality.choices.FindingStatus",
    "RuleTargetEnum": "legality.choices.RuleTarget",
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],  # type: ignore[dict-item]
}

# --- Deadlines and reminders (ecase.reminders) ---
# Periods are "<n>h" (real hours) or "<n>wd" (working days of the Kazakh calendar); sources may override them.
DEADLINE_DUE_SOON = env.str("DEADLINE_DUE_SOON", default="1wd")  # remind when the deadline is this close
DEADLINE_ESCALATE_AFTER = env.str("DEADLINE_ESCALATE_AFTER", default="1wd")  # escalate when overdue this long
# The scan never reads items overdue by more than this: older ones were escalated long ago (or never will be).
DEADLINE_SCAN_LOOKBACK_DAYS = env.int("DEADLINE_SCAN_LOOKBACK_DAYS", default=30)
# A notice still pending this long after it was queued (a lost message, a killed worker) is queued again.
DEADLINE_RESEND_AFTER_MINUTES = env.int("DEADLINE_RESEND_AFTER_MINUTES", default=10)
DEADLINE_SCAN_MAX_PER_STAGE = env.int("DEADLINE_SCAN_MAX_PER_STAGE", default=50_000)  # the rest: next scan
# Notices by SMS and e-mail (ecase.notifications): the SMS backend like EMAIL_BACKEND, and the delivery retries.
SMS_BACKEND = env.str("SMS_BACKEND", default="ecase.notifications.sms.ConsoleSmsBackend")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(BASE_DIR / "sms-outbox"))
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
NOTICE_DELIVERY_MAX_RETRIES = env.int("NOTICE_DELIVERY_MAX_RETRIES", default=6)
NOTICE_DELIVERY_BACKOFF_SECONDS = env.int("NOTICE_DELIVERY_BACKOFF_SECONDS", default=30)
NOTICE_DELIVERY_QUEUE = env.str("NOTICE_DELIVERY_QUEUE", default="")  # "" = Celery's default queue
DEADLINE_NOTICE_QUEUE = env.str("DEADLINE_NOTICE_QUEUE", default="")  # "" = Celery's default queue
# Test hooks for the worker tests, off by default: pause after locking a notice, fail the first N attempts.
DEADLINE_DEBUG_PAUSE_SECONDS = env.float("ECASE_DEBUG_NOTICE_PAUSE", default=0.0)
DEADLINE_DEBUG_FAIL_ATTEMPTS = env.int("ECASE_DEBUG_NOTICE_FAIL_ATTEMPTS", default=0)

# --- approvals (issue 4): schema enum names of the decision choices ---
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],  # type: ignore[dict-item]
    "DecisionKindEnum": "approvals.choices.DecisionKind",
    "DecisionStatusEnum": "approvals.choices.DecisionStatus",
    "PreventiveMeasureEnum": "approvals.choices.PreventiveMeasure",
    "CourtOutcomeEnum": "approvals.choices.CourtOutcome",
    "DecisionActionEnum": "approvals.choices.DecisionAction",
}

# --- complaints (issue 5): schema enum names for the complaint choices.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],  # type: ignore[dict-item]
    "ComplaintStatusEnum": "complaints.choices.ComplaintStatus",
    "ComplaintChannelEnum": "complaints.choices.Channel",
    "ExplanationFormEnum": "complaints.choices.ExplanationForm",
}

# --- security and operations (issue 16): login lockout, second factor, CSP, health, logs, errors ---
# Axes checks every authenticate() call (web login, admin login, API token) before the model backend.
AUTHENTICATION_BACKENDS = ["ecase.security.lockout.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)  # the 5th failure locks, the 6th is refused
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account and, separately, per address
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # hammering a locked account does not extend its lockout
AXES_LOCKOUT_CALLABLE = "ecase.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "ecase.security.lockout.client_ip"
AXES_VERBOSE = False
# Second factor: required for staff roles and the admin when on (production), optional otherwise.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = "eCase"
OTP_RECOVERY_CODES = 10
DEMO_DATA_ALLOWED = True  # seed_demo (demo passwords) runs only where this is on; production turns it off
# Content-Security-Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # NCALayer, the national signing application, listens on the user's own machine (signatures/static).
        "connect-src": ["'self'", "wss://127.0.0.1:13579"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
# API lists answer 400 to unknown query parameters and unknown ordering fields (ecase/api/strict_filters.py).
REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"] = [
    "ecase.api.strict_filters.StrictQueryParamsFilter",
    "django_filters.rest_framework.DjangoFilterBackend",
    "rest_framework.filters.SearchFilter",
    "ecase.api.strict_filters.StrictOrderingFilter",
    "integrations.filters.UpdatedAfterFilter",
]
# Logs: one JSON object per line with the request id (web) or task id (Celery) when LOG_FORMAT=json.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING["filters"] = {"request_id": {"()": "ecase.security.logs.RequestIdFilter"}}
LOGGING["formatters"] = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    "json": {"()": "ecase.security.logs.JsonFormatter"},
}
LOGGING["handlers"]["console"].update({"filters": ["request_id"], "formatter": LOG_FORMAT})  # type: ignore[index]
# With JSON logs the Celery worker keeps this configuration instead of installing its own text handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
# Error reporting to a Sentry-compatible service, only when SENTRY_DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
# Legality checks (legality/): a suspended case untouched this long is flagged for review.
LEGALITY_SUSPENSION_REVIEW_DAYS = env.int("LEGALITY_SUSPENSION_REVIEW_DAYS", default=90)
# Backups: where scripts/backup.sh writes pg_dump files and where restore_check looks for the newest.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))
if SENTRY_DSN:
    from ecase.security.errors import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT)

# --- The audit trail (issue 12). Keys live with the application servers only, never with the database's admins.
# HMAC key of the chain and its id (stored in every event, so keys can rotate); old keys "id:key,id:key" for
# verifying events written before a rotation. Local and test settings give development defaults.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")
AUDIT_CHAIN_KEY_ID = env.str("AUDIT_CHAIN_KEY_ID", default="")
AUDIT_CHAIN_OLD_KEYS = env.str("AUDIT_CHAIN_OLD_KEYS", default="")
# Ed25519 private key (PEM, or base64 of the raw 32 bytes) signing the checkpoints; the store they go to.
AUDIT_CHECKPOINT_KEY = env.str("AUDIT_CHECKPOINT_KEY", default="")
AUDIT_CHECKPOINT_STORE = env.str("AUDIT_CHECKPOINT_STORE", default="ecase.audit.stores.DirectoryStore")
AUDIT_CHECKPOINT_DIR = Path(env.str("AUDIT_CHECKPOINT_DIR", default=str(BASE_DIR / "audit-checkpoints")))
AUDIT_CHECKPOINT_S3_BUCKET = env.str("AUDIT_CHECKPOINT_S3_BUCKET", default="")
AUDIT_CHECKPOINT_S3_PREFIX = env.str("AUDIT_CHECKPOINT_S3_PREFIX", default="checkpoints/")
AUDIT_CHECKPOINT_S3_RETAIN_DAYS = env.int("AUDIT_CHECKPOINT_S3_RETAIN_DAYS", default=3650)
# A trail whose newest checkpoint is older than this (the 5-minute beat period plus a grace) fails verification.
AUDIT_CHECKPOINT_MAX_AGE_MINUTES = env.int("AUDIT_CHECKPOINT_MAX_AGE_MINUTES", default=15)
# Models whose current status the verifier compares with the to_state of their last audit event.
AUDIT_STATE_MODELS = ["ecase.case", "approvals.proceduraldecision", "complaints.complaint"]

# --- Personal signatures (issue 15, signatures/): ecase/settings/signatures.py ---
from .signatures import *  # noqa: E402, F403

SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "integrations.schema.add_idempotency",
]

# --- Integrations (issue 17): webhooks. Receivers must use https unless this is on (development, tests).
WEBHOOK_ALLOW_HTTP = env.bool("WEBHOOK_ALLOW_HTTP", default=False)
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)  # seconds per delivery attempt
# Internal networks a webhook may reach after all (CIDRs; integrations.ssrf): none in production.
WEBHOOK_ALLOWED_NETWORKS = env.list("WEBHOOK_ALLOWED_NETWORKS", default=[])
