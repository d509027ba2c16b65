"""Connects the library hooks of the security package (called once from EcaseConfig.ready())."""

from __future__ import annotations


def connect() -> None:
    from axes.signals import user_locked_out
    from celery import signals as celery_signals
    from django.core.signals import request_finished

    from ecase.audit_labels import register_actions
    from ecase.security import logs
    from ecase.security.labels import ACTIONS
    from ecase.security.lockout import on_user_locked_out

    user_locked_out.connect(on_user_locked_out, dispatch_uid="ecase.security.lockout")
    celery_signals.before_task_publish.connect(logs.celery_before_publish, dispatch_uid="ecase.logs.publish")
    celery_signals.task_prerun.connect(logs.celery_task_prerun, dispatch_uid="ecase.logs.prerun")
    celery_signals.task_postrun.connect(logs.celery_task_postrun, dispatch_uid="ecase.logs.postrun")
    request_finished.connect(logs.clear_request_id, dispatch_uid="ecase.logs.request_finished")
    register_actions(ACTIONS)
    from ecase.security.admin import register as register_admin

    register_admin()
