"""The benchmark's WSGI entry point (``gunicorn approvals.bench.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "approvals.bench.settings"

application = get_wsgi_application()
