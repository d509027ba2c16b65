"""Settings of the Celery worker that test_worker.py starts: the test settings, but tasks go through the
broker, e-mail lands in files and SMS in JSON files the test reads, on the test's own queue."""

import os

from ecase.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["ECASE_TEST_EMAIL_DIR"]
SMS_BACKEND = "ecase.notifications.sms.FileSmsBackend"
SMS_FILE_PATH = os.environ["ECASE_TEST_SMS_DIR"]
NOTICE_DELIVERY_QUEUE = os.environ["NOTICE_DELIVERY_QUEUE"]
NOTICE_DELIVERY_BACKOFF_SECONDS = 1
if os.environ.get("ECASE_TEST_SMS_GATEWAY"):
    SMS_BACKEND = "ecase.notifications.sms.HttpSmsBackend"
    SMS_GATEWAY_URL = os.environ["ECASE_TEST_SMS_GATEWAY"]
    SMS_GATEWAY_TOKEN = "gateway-test-token"  # noqa: S105
