"""Local development: the embedded default (SQLite, console e-mail, filesystem Celery broker)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine only on a developer's machine; production refuses to start without its own.
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-key-not-for-production-use-0123456789")
DECISION_SIGNING_KEY = env.str("DECISION_SIGNING_KEY", default="local-development-decision-signing-key")
