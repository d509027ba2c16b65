"""Test settings: the same as local, with fast hashing and in-memory e-mail."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789-0123456789-0123456789-0123456789"  # noqa: S105
DECISION_SIGNING_KEY = "test-decision-signing-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "ecase.notifications.sms.LocmemSmsBackend"
NOTICE_DELIVERY_BACKOFF_SECONDS = 1
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/ecase-test-media")  # noqa: S108
ALLOWED_HOSTS = ["*"]
# Tasks run inline in ordinary tests; the Celery tests start a real worker on Redis and switch this off.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
AUDIT_CHAIN_KEY = "test-audit-chain-key"  # noqa: S105
AUDIT_CHAIN_KEY_ID = "test1"
AUDIT_CHAIN_OLD_KEYS = ""
AUDIT_CHECKPOINT_KEY = "ZGV2LW9ubHktYXVkaXQtY2hlY2twb2ludC1rZXkhISE="  # a published test seed
AUDIT_CHECKPOINT_DIR = env.path("AUDIT_CHECKPOINT_DIR", default="/tmp/ecase-test-audit-checkpoints")  # noqa: S108
# The audit table's TRUNCATE trigger lets a test database (test_*) be flushed between transactional tests when
# the session says so; production databases never do (see migration ecase 0020).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c ecase.allow_audit_truncate=on"  # noqa: F405
SIGNATURE_PKI_DIR = Path(env.str("SIGNATURE_PKI_DIR", default="/tmp/ecase-test-pki"))  # noqa: S108
SIGNATURE_TRUST_DIR = str(SIGNATURE_PKI_DIR / "trust")
SIGNATURE_CRL_DIR = str(SIGNATURE_PKI_DIR / "crl")
SIGNATURE_DEMO_SIGNER = True
WEBHOOK_ALLOW_HTTP = True  # the tests' receivers listen on http://127.0.0.1
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]  # ... and past the SSRF guard (integrations.ssrf)
