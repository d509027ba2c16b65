"""Settings of the Celery worker subprocesses that test_worker.py starts: the test settings, but tasks really
go through the broker, e-mail lands in files the test can count, and the broker's visibility timeout (after
which a message a dead worker had taken is handed out again) comes from the environment."""

import os

from ecase.settings.test import *  # noqa: F403
from ecase.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["ECASE_TEST_EMAIL_DIR"]
if os.environ.get("ECASE_TEST_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ["ECASE_TEST_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
