"""Celery tasks of ecase: thin wrappers that take ids and call idempotent services.

The beat schedule runs ``ecase.scan_deadlines`` (a django-celery-beat PeriodicTask, "scan deadlines", every
5 minutes, editable in the admin); the scan queues one ``ecase.send_notice`` per notice after it commits.
"""

from __future__ import annotations

from datetime import date
from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError

# The audit trail's tasks live with the audit code; imported here so the worker registers them.
from ecase.audit.tasks import audit_checkpoint_task, audit_link_task, audit_verify_task
from ecase.notifications.tasks import deliver_notice_task
from ecase.reminders.services import TransientDeliveryError, deadline_scan, notice_deliver
from ecase.terms.recalculation import deadlines_recalculate


@shared_task(name="ecase.scan_deadlines", acks_late=True, ignore_result=True, soft_time_limit=240, time_limit=300)
def scan_deadlines_task() -> dict[str, int]:
    result = deadline_scan()
    return {"recorded": result.recorded_total, "enqueued": result.enqueued}


@shared_task(
    name="ecase.send_notice",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(TransientDeliveryError, SMTPException, OSError, DatabaseError),
    retry_backoff=2,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,  # then the notice stays pending and the next scan after the grace period queues it again
)
def send_notice_task(notice_id: int) -> str:
    notice = notice_deliver(notice_id=notice_id)
    return notice.status if notice is not None else "busy"


@shared_task(name="ecase.terms_recalculate", acks_late=True, ignore_result=True, soft_time_limit=1500, time_limit=1800)
def terms_recalculate_task(since: str | None = None) -> dict[str, int]:
    """Recompute the open deadlines after a calendar or term edit (from the ISO day `since`, or all)."""
    result = deadlines_recalculate(since=date.fromisoformat(since) if since else None)
    return {"checked": result.checked, "moved": result.moved, "earlier": result.earlier}


__all__ = [
    "audit_checkpoint_task",
    "audit_link_task",
    "audit_verify_task",
    "deliver_notice_task",
    "terms_recalculate_task",
    "scan_deadlines_task",
    "send_notice_task",
]
