"""Tasks by name, so that services never import task modules (the task modules import the services).

Every task module is imported when Django starts (ecase.apps.EcaseConfig.ready imports ecase.tasks, which
imports the audit trail's tasks; apps import their own in their ready()), so a name resolves in the web
process, in the tests (eager mode included) and in the worker alike.
"""

from __future__ import annotations

from typing import Any

from celery import Task

from ecase.celery import app


def task_named(name: str) -> Task[Any, Any]:
    """The registered task called `name` (e.g. "ecase.send_notice"); KeyError if no module registered it."""
    return app.tasks[name]
