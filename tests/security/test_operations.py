"""Health probes, JSON logs with a request id across web and Celery, error reporting behind a setting,
proxy headers trusted only from configured addresses."""

from __future__ import annotations

import json
import logging
import runpy
from pathlib import Path

import pytest
from django.test import Client

from ecase.security import logs

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_without_the_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_redis_and_migrations(db, settings, redis_url):
    settings.REDIS_URL = redis_url
    response = Client().get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "ok"}


def test_readyz_is_503_when_redis_does_not_answer(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


def test_the_web_container_health_check_uses_readyz():
    script = runpy.run_path(str(ROOT / "scripts" / "healthcheck.py"), run_name="not_main")
    assert script["DEFAULT_URL"].endswith("/readyz")


def test_json_log_line_carries_the_request_id(db, caplog):
    formatter = logs.JsonFormatter()
    lines: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(formatter.format(record))

    handler = Capture()
    handler.addFilter(logs.RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client().get("/no-such-page/", HTTP_X_REQUEST_ID="req-12345678")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(lines[-1])
    assert entry["request_id"] == "req-12345678"
    assert entry["level"] == "WARNING" and "/no-such-page/" in entry["message"]


def test_a_task_published_in_a_request_logs_under_its_id():
    token = logs.request_id_var.set("req-abcdefgh")
    headers: dict[str, str] = {}
    try:
        logs.celery_before_publish(headers=headers)
    finally:
        logs.request_id_var.reset(token)
    assert headers == {logs.HEADER: "req-abcdefgh"}

    class Request:
        ecase_request_id = "req-abcdefgh"

    class Task:
        request = Request()

    logs.celery_task_prerun(task=Task(), task_id="task-1")
    assert logs.request_id_var.get() == "req-abcdefgh"
    logs.celery_task_postrun()
    logs.celery_task_prerun(task=None, task_id="task-2")  # scheduled work: the task id
    assert logs.request_id_var.get() == "task-2"
    logs.celery_task_postrun()


def test_sentry_is_initialised_only_with_a_dsn():
    import sentry_sdk

    assert sentry_sdk.get_client().is_active() is False  # no SENTRY_DSN in the test settings
    base = (ROOT / "ecase" / "settings" / "base.py").read_text()
    assert "if SENTRY_DSN:" in base


@pytest.mark.parametrize(("env", "expected"), [({}, "127.0.0.1"), ({"FORWARDED_ALLOW_IPS": "10.0.0.5"}, "10.0.0.5")])
def test_gunicorn_trusts_proxy_headers_only_from_configured_addresses(monkeypatch, env, expected):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["forwarded_allow_ips"] == expected
