"""Production: every secret comes from the environment, with no default. Refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
DECISION_SIGNING_KEY = env.str("DECISION_SIGNING_KEY")
if len(DECISION_SIGNING_KEY) < 32:
    raise ImproperlyConfigured("DECISION_SIGNING_KEY must be a random string of at least 32 characters.")
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY")
AUDIT_CHAIN_KEY_ID = env.str("AUDIT_CHAIN_KEY_ID")
if len(AUDIT_CHAIN_KEY) < 32 or not AUDIT_CHAIN_KEY_ID:
    raise ImproperlyConfigured("AUDIT_CHAIN_KEY (at least 32 characters) and AUDIT_CHAIN_KEY_ID are required.")
AUDIT_CHECKPOINT_KEY = env.str("AUDIT_CHECKPOINT_KEY")
# Personal signatures: required on every signed action unless the deployment says otherwise; no demo signer.
SIGNATURE_REQUIRED = env.list(
    "SIGNATURE_REQUIRED",
    default=[
        "decision.submit",
        "decision.approve",
        "decision.reject",
        "decision.return",
        "decision.court-outcome",
        "complaint.satisfy",
        "complaint.partially-satisfy",
        "complaint.forward",
        "complaint.propose-refusal",
        "complaint.record-explanation",
    ],
)
SIGNATURE_DEMO_SIGNER = False
SIGNATURE_OCSP_FAIL_OPEN = False  # no answer from the OCSP responder refuses the signature, whatever the env says

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# --- security and operations (issue 16) ---
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=True)  # staff and the admin confirm a second factor
DEMO_DATA_ALLOWED = False  # seed_demo refuses to run here unless --force
