"""Structured logs: one JSON object per line carrying the request id (web) or the task's request id (Celery).

The web middleware sets the id for the request; a task published during a request carries it in a message
header, so the worker's log lines of that task show the same id.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

HEADER = "ecase_request_id"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def celery_before_publish(headers: dict[str, Any] | None = None, **_: Any) -> None:
    """Celery `before_task_publish`: pass the current request id on to the task."""
    if headers is not None and request_id_var.get() != "-":
        headers.setdefault(HEADER, request_id_var.get())


def celery_task_prerun(task: Any = None, task_id: str | None = None, **_: Any) -> None:
    """Celery `task_prerun`: log under the publishing request's id, or the task id for scheduled work."""
    inherited = getattr(getattr(task, "request", None), HEADER, None) if task is not None else None
    request_id_var.set(str(inherited or task_id or "-"))


def celery_task_postrun(**_: Any) -> None:
    request_id_var.set("-")


def clear_request_id(**_: Any) -> None:
    """Django `request_finished`: the response is sent and logged; later lines belong to no request."""
    request_id_var.set("-")
