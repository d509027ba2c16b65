"""Celery tasks of the integration platform: thin and idempotent.

Beat (migration 0002): ``integrations.webhooks_dispatch`` every 5 seconds fans the linked audit events out
into deliveries and queues one sender per subscription with due deliveries; ``integrations.idempotency_purge``
hourly.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from integrations.services.idempotency import idempotency_purge
from integrations.services.webhooks import webhook_fan_out, webhook_send_pending


@shared_task(
    name="integrations.webhooks_dispatch", acks_late=True, ignore_result=True, soft_time_limit=50, time_limit=60
)
def webhooks_dispatch_task() -> None:
    for subscription_id in WebhookSubscription.objects.filter(is_active=True).values_list("pk", flat=True):
        webhook_fan_out(subscription_id=subscription_id)
    due = (
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now(), subscription__is_active=True
        )
        .values_list("subscription_id", flat=True)
        .distinct()
    )
    for subscription_id in due:
        webhook_send_task.delay(subscription_id)


@shared_task(name="integrations.webhook_send", acks_late=True, ignore_result=True, soft_time_limit=250, time_limit=300)
def webhook_send_task(subscription_id: int) -> int:
    return webhook_send_pending(subscription_id=subscription_id)


@shared_task(name="integrations.idempotency_purge", acks_late=True, ignore_result=True, time_limit=300)
def idempotency_purge_task() -> int:
    return idempotency_purge()
