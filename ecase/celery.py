"""The Celery application. Broker: Redis when REDIS_URL is set, else the filesystem transport."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecase.settings.local")

app = Celery("ecase")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
