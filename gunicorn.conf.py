"""Gunicorn settings for the web container (`gunicorn ecase.wsgi:application -c gunicorn.conf.py`).

Gunicorn also reads WEB_CONCURRENCY for the number of workers; the default below suits a 2-core host.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = 2
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The reverse proxy in front terminates TLS and sets X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER) and
# X-Forwarded-For. Gunicorn believes those headers only from these addresses (comma-separated; the proxy's).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
