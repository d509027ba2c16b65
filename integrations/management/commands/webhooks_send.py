"""manage.py webhooks_send: fan out and send every due webhook delivery now, in this process (what the beat's
dispatch and the Celery senders do; for operations, and for the crash test that kills it mid-delivery)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ecase.audit.linker import audit_link
from integrations.models import WebhookSubscription
from integrations.services.webhooks import webhook_fan_out_all, webhook_send_pending


class Command(BaseCommand):
    help = "Send the due webhook deliveries of every active subscription now."

    def handle(self, *args: Any, **options: Any) -> None:
        audit_link(wait=False)
        sent = 0
        for subscription_id in WebhookSubscription.objects.filter(is_active=True).values_list("pk", flat=True):
            webhook_fan_out_all(subscription_id=subscription_id)
            sent += webhook_send_pending(subscription_id=subscription_id, limit=100_000)
        self.stdout.write(f"delivered {sent}")
