"""The delivery task: one e-mail or SMS of the delivery log, retried with backoff (imported by ecase.tasks)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from ecase.notifications.delivery import DELIVERY_TASK, RETRYABLE, delivery_send


@shared_task(
    bind=True,
    name=DELIVERY_TASK,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=RETRYABLE,
    retry_backoff=settings.NOTICE_DELIVERY_BACKOFF_SECONDS,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=settings.NOTICE_DELIVERY_MAX_RETRIES,
    serializer="json",
)
def deliver_notice_task(self: Any, delivery_id: int) -> str:
    delivery = delivery_send(delivery_id=delivery_id, last_attempt=self.request.retries >= self.max_retries)
    return delivery.status if delivery is not None else "busy"
