"""Sending one e-mail or SMS of the delivery log, in the recipient's language.

The delivery row is locked (SKIP LOCKED: a duplicate message while another worker sends it does nothing),
the message is handed to the backend and the outcome is saved in the same transaction: sent, or the
attempt and its error. The caller (the Celery task) re-raises the error so that Celery retries with backoff;
on the last attempt the delivery is marked failed. A sent or failed delivery is never sent again.

Like the deadline e-mails, this is at-least-once: a worker that dies after the gateway took the message and
before the commit sends it again on redelivery (the SMS carries the delivery id as its reference, so a
gateway that deduplicates drops the copy).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from ecase.models import Delivery, DeliveryChannel, DeliveryStatus
from ecase.notifications.events import render_in
from ecase.notifications.sms import SmsError, get_sms_backend
from ecase.queue import task_named

logger = logging.getLogger(__name__)

DELIVERY_TASK = "ecase.deliver_notice"
RETRYABLE = (SmsError, SMTPException, OSError)
SMS_MAX_LENGTH = 480  # three concatenated SMS parts in Cyrillic (UCS-2)


def deliveries_enqueue(delivery_ids: Sequence[int]) -> None:
    """Queue one task per delivery (call after the transaction that recorded them commits)."""
    task = task_named(DELIVERY_TASK)
    options = {"queue": settings.NOTICE_DELIVERY_QUEUE} if settings.NOTICE_DELIVERY_QUEUE else {}
    if task.app.conf.task_always_eager:
        _deliver_eagerly(delivery_ids, attempts=1 + int(task.max_retries or 0))
        return
    for pk in delivery_ids:
        task.apply_async(args=[pk], **options)


def _deliver_eagerly(delivery_ids: Sequence[int], *, attempts: int) -> None:
    """No broker (eager mode: the tests, a shell): the task's attempts run here, one after the other and
    without the backoff (Celery's eager retry re-raises instead of retrying when eager errors propagate).
    The outcome, a last failure included, is in the delivery log."""
    for pk in delivery_ids:
        for attempt in range(1, attempts + 1):
            try:
                delivery_send(delivery_id=pk, last_attempt=attempt == attempts)
            except RETRYABLE:
                continue
            break


def _link(url: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + url if url else ""


def delivery_message(delivery: Delivery) -> tuple[str, str]:
    """(subject, text) of the delivery in its language."""
    title, body = render_in(delivery.language, delivery.message_key, delivery.params)
    link = _link(delivery.url)
    if delivery.channel == DeliveryChannel.SMS:
        text = f"eCase: {title}." + (f" {body}" if body else "")
        if len(text) > SMS_MAX_LENGTH:
            text = text[: SMS_MAX_LENGTH - 1] + "…"
        return title, text
    return f"[eCase] {title}", "\n\n".join(part for part in (body, link) if part)


def _send(delivery: Delivery) -> None:
    subject, text = delivery_message(delivery)
    if delivery.channel == DeliveryChannel.SMS:
        get_sms_backend().send(to=delivery.recipient, text=text, reference=f"delivery-{delivery.pk}")
        return
    EmailMessage(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.recipient],
        headers={"Message-ID": f"<delivery-{delivery.pk}@ecase>"},
    ).send(fail_silently=False)


def delivery_send(*, delivery_id: int, last_attempt: bool = False) -> Delivery | None:
    """Send one pending delivery and log the outcome. Raises the backend's error after logging it (for the
    task's retry). Returns None when another worker holds the row or it does not exist."""
    failure: Exception | None = None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(skip_locked=True).filter(pk=delivery_id).first()
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return delivery
        delivery.attempts += 1
        try:
            _send(delivery)
        except RETRYABLE as exc:
            failure = exc
            message = f"{type(exc).__name__}: {exc}"
            if last_attempt:
                delivery.mark_failed(message)
            else:
                delivery.error = message[:2000]
        else:
            delivery.mark_sent()
        delivery.save()
    if failure is not None:
        logger.info("delivery %s attempt %s failed: %s", delivery.pk, delivery.attempts, failure)
        raise failure
    return delivery
