"""Thin Celery tasks: take ids, call a service that does nothing when the work is already done."""

from __future__ import annotations

from celery import shared_task

from complaints.services.notices import complaint_notify


@shared_task(
    name="complaints.notify_complainant",
    acks_late=True,
    time_limit=60,
    soft_time_limit=50,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    serializer="json",
)
def notify_complainant(complaint_id: int, event: str) -> bool:
    return complaint_notify(complaint_id=complaint_id, event=event) is not None
