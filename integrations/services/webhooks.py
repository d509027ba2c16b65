"""Webhooks: subscriptions, the outbox and the sender.

The outbox is the audit trail itself: every change writes its audit event in the same transaction as the
change, so a crash between commit and send loses nothing. ``webhook_fan_out`` turns the linked events after a
subscription's cursor into delivery rows and moves the cursor, in one transaction. ``webhook_send_pending``
sends a subscription's due deliveries strictly in chain order (so in order per object), one sender per
subscription (a session advisory lock, held outside any transaction so a slow receiver never holds back the
audit linker). A failure stops the queue and retries with exponential backoff; after a day a delivery goes
to the dead letters and the queue moves on. A worker killed after the receiver answered but before the row
was marked sends the same event again: receivers de-duplicate by the event id (`X-ECase-Event-Id`).
"""

from __future__ import annotations

import http.client
import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from ecase.audit.services import audit_record
from ecase.models import AuditEvent, User
from integrations.events import event_payload
from integrations.models import DeliveryStatus, ServiceAccount, WebhookDelivery, WebhookSubscription
from integrations.selectors import event_feed_visible_to
from integrations.signing import HEADER, signature_header
from integrations.ssrf import UnsafeWebhookURL, resolve_safe, safe_post

LOCK_NAMESPACE = 0x45435748  # "ECWH"; pg_try_advisory_lock(namespace, subscription id)
FAN_OUT_BATCH = 1000
DEAD_AFTER = timedelta(days=1)
BACKOFF_BASE = 10  # seconds: 10, 20, 40, ... capped at an hour
BACKOFF_CAP = 3600


def _check_url(url: str) -> None:
    try:
        resolve_safe(url)
    except UnsafeWebhookURL as exc:
        raise ValidationError({"url": str(exc)}) from exc


def webhook_create(
    *, account: ServiceAccount, url: str, event_types: list[str], actor: User, start_at_now: bool = True
) -> WebhookSubscription:
    """A subscription; it receives the events from now on (or, with `start_at_now` false, the whole feed)."""
    _check_url(url)
    with transaction.atomic():
        last = AuditEvent.objects.filter(position__isnull=False).order_by("-position").values_list("position")
        cursor = ((last.first() or (0,))[0] or 0) if start_at_now else 0
        subscription = WebhookSubscription.objects.create(
            account=account, url=url, event_types=sorted(set(event_types)), secret=secrets.token_hex(32), cursor=cursor
        )
        audit_record(action="webhook.created", obj=subscription, actor=actor, data={"url": url, "types": event_types})
    return subscription


def webhook_deactivate(*, subscription_id: int, actor: User) -> WebhookSubscription:
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_id)
        subscription.is_active = False
        subscription.save(update_fields=["is_active"])
        audit_record(action="webhook.deactivated", obj=subscription, actor=actor)
    return subscription


def webhook_fan_out(*, subscription_id: int, batch: int = FAN_OUT_BATCH) -> int:
    """Turn the next linked events after the cursor into deliveries; returns how many. Idempotent: the
    cursor and the deliveries move together, and (subscription, event) is unique."""
    with transaction.atomic():
        subscription = (
            WebhookSubscription.objects.select_for_update(skip_locked=True)
            .select_related("account__user")
            .filter(pk=subscription_id, is_active=True)
            .first()
        )
        if subscription is None:
            return 0
        rows = list(
            event_feed_visible_to(user=subscription.account.user, types=subscription.event_types or None)
            .filter(position__gt=subscription.cursor)
            .values_list("pk", "position")[:batch]
        )
        events = [(pk, pos or 0) for pk, pos in rows]
        if not events:
            return 0
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(subscription=subscription, event_id=pk, position=pos) for pk, pos in events],
            ignore_conflicts=True,
        )
        subscription.cursor = events[-1][1]
        subscription.save(update_fields=["cursor"])
    return len(events)


def webhook_fan_out_all(*, subscription_id: int) -> int:
    """Fan out batch after batch until the subscription's cursor has caught up; returns the deliveries made."""
    made = total = webhook_fan_out(subscription_id=subscription_id)
    while made:
        made = webhook_fan_out(subscription_id=subscription_id)
        total += made
    return total


def _post(*, subscription: WebhookSubscription, event_id: str, body: bytes) -> tuple[int | None, str]:
    """One POST, to the address the URL resolves to now if that is still public (integrations.ssrf)."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "eCase-Webhooks/1",
        "X-ECase-Event-Id": event_id,
        HEADER: signature_header(secret=subscription.secret, body=body),
    }
    try:
        code = safe_post(url=subscription.url, body=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT)
    except UnsafeWebhookURL as exc:
        return None, str(exc)[:500]
    except (OSError, http.client.HTTPException) as exc:
        return None, (str(exc) or type(exc).__name__)[:500]
    return code, "" if 200 <= code < 300 else f"HTTP {code}"


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP))


def _deliver(delivery: WebhookDelivery) -> bool:
    """One attempt; True when delivered (or dead), so the queue may move on."""
    body = json.dumps(event_payload(delivery.event), separators=(",", ":")).encode()
    code, error = _post(subscription=delivery.subscription, event_id=str(delivery.event.seq), body=body)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = DeliveryStatus.DELIVERED, now, ""
    else:
        delivery.last_error = error
        delivery.next_attempt_at = now + _backoff(delivery.attempts)
        if now - delivery.created_at >= DEAD_AFTER:
            delivery.status = DeliveryStatus.DEAD
    delivery.save(
        update_fields=["attempts", "last_status_code", "status", "delivered_at", "last_error", "next_attempt_at"]
    )
    return delivery.status != DeliveryStatus.PENDING


def webhook_send_pending(*, subscription_id: int, limit: int = 500) -> int:
    """Send the subscription's due deliveries in order; returns how many were delivered (or went dead).
    Returns 0 at once when another sender holds this subscription."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, subscription_id])
        if not cursor.fetchone()[0]:
            return 0
    try:
        done = 0
        while done < limit:
            delivery = (
                WebhookDelivery.objects.select_related("event", "subscription")
                .filter(subscription_id=subscription_id, status=DeliveryStatus.PENDING)
                .order_by("position")
                .first()
            )
            if delivery is None or delivery.next_attempt_at > timezone.now() or not delivery.subscription.is_active:
                break
            if not _deliver(delivery):
                break
            done += 1
        return done
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, subscription_id])


def webhook_redeliver(*, delivery_id: int, actor: User) -> WebhookDelivery:
    """Queue a delivered or dead delivery again (it goes out in its place in the order, now)."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("subscription").get(pk=delivery_id)
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = timezone.now()
        delivery.created_at = timezone.now()  # a fresh day before the dead letters
        delivery.save(update_fields=["status", "next_attempt_at", "created_at"])
        audit_record(
            action="webhook.redelivery", obj=delivery.subscription, actor=actor, data={"delivery": delivery.pk}
        )
    return delivery


def webhook_ping(*, subscription: WebhookSubscription) -> tuple[int | None, str]:
    """A signed test event sent now, outside the queue (id "ping-…"); returns the receiver's status."""
    event_id = f"ping-{secrets.token_hex(8)}"
    body = json.dumps({"id": event_id, "type": "ping"}).encode()
    return _post(subscription=subscription, event_id=event_id, body=body)
