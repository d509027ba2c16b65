"""Local development: the embedded default (SQLite, console e-mail, filesystem Celery broker)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine only on a developer's machine; production refuses to start without its own.
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-key-not-for-production-use-0123456789")
DECISION_SIGNING_KEY = env.str("DECISION_SIGNING_KEY", default="local-development-decision-signing-key")
# The audit trail's development keys (production requires its own; see .env.example).
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="local-development-audit-chain-key")
AUDIT_CHAIN_KEY_ID = env.str("AUDIT_CHAIN_KEY_ID", default="dev1")
# A fixed, published development Ed25519 seed (base64 of 32 bytes): never use it outside a laptop.
AUDIT_CHECKPOINT_KEY = env.str("AUDIT_CHECKPOINT_KEY", default="ZGV2LW9ubHktYXVkaXQtY2hlY2twb2ludC1rZXkhISE=")
# The demo's software signer (keys made by `manage.py demo_pki`); signatures stay optional unless asked for.
SIGNATURE_DEMO_SIGNER = env.bool("SIGNATURE_DEMO_SIGNER", default=True)
WEBHOOK_ALLOW_HTTP = True  # receivers on http://localhost while developing
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]  # ... and past the SSRF guard (integrations.ssrf)
