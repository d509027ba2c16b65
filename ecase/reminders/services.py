"""Writes for reminders: the deadline scan, the delivery of one notice, marking notifications read.

Exactly-once, step by step:

1. The scan records each notice under its unique key (source, item, stage, deadline) with one bulk insert
   that ignores conflicts, in one transaction, and queues one small task per new notice only after that
   transaction commits. A rescan finds the key and records nothing; an overlapping scan loses the race on
   the unique key.
2. The task (acks_late: a message is acknowledged only after the task returns, so a worker killed mid-task
   leaves it to be redelivered) locks the notice row with SKIP LOCKED — a duplicate message arriving while
   another worker holds it does nothing — and, if the notice is still pending, records one Notification per
   recipient (unique per notice and user) and one EmailDelivery per recipient with an address, and commits.
   A worker killed before this commit leaves nothing behind; after it, a retry finds the rows and adds none.
3. Each e-mail is sent under a lock on its delivery row and marked sent in the same transaction.
4. When no delivery is left pending the notice is marked sent. A notice that is still pending after
   DEADLINE_RESEND_AFTER_MINUTES (lost message, worker killed, retries exhausted) is queued again by the
   next scan, so nothing is lost.

The boundary, honestly: in-app notifications are exactly-once (a database constraint in the transaction
that records them). E-mail is at-least-once: SMTP has no idempotency key, so if a worker dies after the mail
server accepted a message and before its delivery row commits as sent, the retry sends it again. That
window is one SMTP round trip per recipient; the Message-ID is fixed per (notice, recipient) so the
duplicate is recognisable. Choosing at-most-once instead would risk losing the reminder, which is worse.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from ecase import deadlines
from ecase.audit.services import audit_record
from ecase.models import (
    Case,
    Delivery,
    DeliveryChannel,
    EmailDelivery,
    Notice,
    NoticeStage,
    NoticeStatus,
    Notification,
    User,
)
from ecase.notifications import events
from ecase.notifications.delivery import deliveries_enqueue
from ecase.notifications.preferences import choices_for
from ecase.queue import task_named

from .closing import reminders_close_decided
from .content import NoticeContent, notice_content, notice_email
from .selectors import (
    deadline_items_needing_notice,
    escalation_recipients,
    notice_recipients,
    notices_to_enqueue,
    open_item_for_notice,
)
from .windows import WindowCalculator

logger = logging.getLogger(__name__)

BULK_BATCH = 1000
_NO_ITEM = object()  # the item closed after an earlier attempt recorded the recipients


class TransientDeliveryError(Exception):
    """A delivery attempt failed in a way worth retrying (raised by the test hook; SMTP errors are others)."""


@dataclass
class ScanResult:
    recorded: Counter[str] = field(default_factory=Counter)  # new notices by stage
    enqueued: int = 0  # new and stale pending notices queued
    closed: int = 0  # reminders of items decided or closed since, marked done

    @property
    def recorded_total(self) -> int:
        return sum(self.recorded.values())


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def notices_enqueue(notice_ids: Sequence[int]) -> None:
    """Queue one send_notice_task per notice (called after the scan's transaction commits)."""
    send_notice_task = task_named("ecase.send_notice")
    options: dict[str, Any] = {}
    if settings.DEADLINE_NOTICE_QUEUE:
        options["queue"] = settings.DEADLINE_NOTICE_QUEUE
    app = send_notice_task.app
    if app.conf.task_always_eager:
        for pk in notice_ids:
            send_notice_task.apply_async(args=[pk], **options)
        return
    with app.producer_or_acquire() as producer:  # one broker connection for the whole batch
        for pk in notice_ids:
            send_notice_task.apply_async(args=[pk], producer=producer, **options)


def deadline_scan(*, now: datetime | None = None, enqueue: Callable[[Sequence[int]], None] | None = None) -> ScanResult:
    """Record the notices due now in every registered source and queue them (and stale pending ones).

    The number of queries is at most 2 x (sources x stages) + a constant, plus one insert per 1000 new
    notices: it does not depend on how many open items are far from their deadline.
    """
    now = now or timezone.now()
    windows = WindowCalculator(now)
    limit = settings.DEADLINE_SCAN_MAX_PER_STAGE
    result = ScanResult()
    with transaction.atomic():
        result.closed = reminders_close_decided(now=now)
    with transaction.atomic():
        for source in deadlines.sources():
            for window in windows.for_source(source):
                rows = deadline_items_needing_notice(source=source, window=window, limit=limit)
                if not rows:
                    continue
                Notice.objects.bulk_create(
                    [
                        Notice(
                            source=source.notice_key(window.lead),
                            item_id=pk,
                            stage=window.stage,
                            deadline=due,
                            created_at=now,
                            enqueued_at=now,
                        )
                        for pk, due in rows
                    ],
                    batch_size=BULK_BATCH,
                    ignore_conflicts=True,
                )
                result.recorded[window.stage] += len(rows)
        resend_after = timedelta(minutes=settings.DEADLINE_RESEND_AFTER_MINUTES)
        to_enqueue = notices_to_enqueue(now=now, resend_after=resend_after)
        ids = [pk for pk, _ in to_enqueue]
        stale = [pk for pk, enqueued_at in to_enqueue if enqueued_at != now]
        for chunk in _chunks(stale, BULK_BATCH):
            Notice.objects.filter(pk__in=chunk).update(enqueued_at=now)
        if ids:
            # robust: if the broker is down the scan still commits; the notices stay pending and the
            # next scan after the resend grace period queues them again.
            send = enqueue or notices_enqueue

            def enqueue_after_commit() -> None:
                send(ids)

            transaction.on_commit(enqueue_after_commit, robust=True)
        result.enqueued = len(ids)
    if result.recorded_total or result.enqueued:
        logger.info("deadline scan: recorded %s, queued %d", dict(result.recorded), result.enqueued)
    return result


def _debug_pause() -> None:
    # Test hook (ECASE_DEBUG_NOTICE_PAUSE): hold the notice's lock for a while so a test can kill the worker.
    if settings.DEADLINE_DEBUG_PAUSE_SECONDS > 0:
        logger.warning("test hook: pausing %.1fs while holding a notice's lock", settings.DEADLINE_DEBUG_PAUSE_SECONDS)
        time.sleep(settings.DEADLINE_DEBUG_PAUSE_SECONDS)


def _debug_fail(notice: Notice) -> None:
    # Test hook (ECASE_DEBUG_NOTICE_FAIL_ATTEMPTS): fail the first N attempts after recording, to force retries.
    if notice.attempts <= settings.DEADLINE_DEBUG_FAIL_ATTEMPTS:
        raise TransientDeliveryError(f"forced failure of attempt {notice.attempts} (test hook)")


def _case_of(item: Any) -> Case | None:
    if isinstance(item, Case):
        return item
    case = getattr(item, "case", None)
    return case if isinstance(case, Case) else None


def _record_recipients(*, notice_id: int) -> tuple[Notice | None, Any]:
    """Phase 1, in one transaction under the notice's row lock: decide, and record who gets what."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update(skip_locked=True).filter(pk=notice_id).first()
        if notice is None or notice.status != NoticeStatus.PENDING:
            if notice is None:
                logger.info("notice %s is being delivered by another worker (or does not exist)", notice_id)
            return notice, None  # another worker holds it (it will finish or the scan re-queues), or done
        try:
            source = deadlines.source(notice.source)
        except KeyError:
            source = None
        item = open_item_for_notice(source=source, notice=notice) if source else None
        if source is None or item is None:
            if notice.attempts:
                # Recipients were recorded by an earlier attempt: finish what was started.
                return notice, _NO_ITEM
            # Decided, answered or closed since the scan, or its deadline moved: nothing to remind of.
            notice.cancel()
            notice.save()
            return notice, None
        responsible = [u for u in source.responsible(item) if u is not None]
        escalation: list[User] = []
        if notice.stage == NoticeStage.OVERDUE:
            escalation = escalation_recipients(office=source.escalation_office(item))
        recipients = notice_recipients(stage=notice.stage, responsible=responsible, escalation=escalation)
        with translation.override(settings.LANGUAGE_CODE):
            content = notice_content(notice=notice, source=source, item=item, responsible=responsible)
        notice.attempts += 1
        notice.description = content.description
        notice.save(update_fields=["attempts", "description"])
        event = events.kind(content.message_key)
        assert event is not None  # noqa: S101 - registered by ecase.notifications.kinds
        choices = choices_for(event=event, user_ids=[u.pk for u in recipients])
        Notification.objects.bulk_create(
            [
                Notification(
                    user=user,
                    notice=notice,
                    level=content.level,
                    message_key=content.message_key,
                    params=content.params,
                    title=content.title,
                    body=content.body,
                    url=content.url,
                    subject=deadlines.item_key(item),
                    must_act=event.must_act,
                )
                for user in recipients
            ],
            ignore_conflicts=True,
        )
        EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(notice=notice, recipient=user, address=user.email)
                for user in recipients
                if user.email and choices[user.pk].enabled(DeliveryChannel.EMAIL)
            ],
            ignore_conflicts=True,
        )
        _record_sms(notice=notice, content=content, recipients=[u for u in recipients if choices[u.pk].sms])
        if not recipients:
            logger.warning("notice %s (%s) has nobody to notify", notice.pk, notice)
        _debug_pause()
    return notice, item


def _record_sms(*, notice: Notice, content: NoticeContent, recipients: list[User]) -> None:
    """The SMS of the recipients who chose them, in the delivery log (once per notification: a retried
    attempt finds them), sent by the delivery task after this transaction commits."""
    notifications = {
        n.user_id: n for n in Notification.objects.filter(notice=notice, user__in=[u.pk for u in recipients if u.phone])
    }
    rows = [
        Delivery(
            channel=DeliveryChannel.SMS,
            notification=notifications[user.pk],
            user=user,
            recipient=user.phone,
            language=user.language or settings.LANGUAGE_CODE,
            message_key=content.message_key,
            params=content.params,
            url=content.url,
        )
        for user in recipients
        if user.pk in notifications
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    ids = list(
        Delivery.objects.filter(notification__notice=notice, channel=DeliveryChannel.SMS, status="pending").values_list(
            "pk", flat=True
        )
    )
    if ids:
        transaction.on_commit(partial(deliveries_enqueue, ids), robust=True)


def _send_emails(*, notice: Notice) -> None:
    """Phase 2: each pending e-mail under its own row lock, marked sent in the same transaction."""
    pending = EmailDelivery.objects.filter(notice=notice, sent_at__isnull=True).values_list("pk", flat=True)
    for delivery_id in list(pending):
        with transaction.atomic():
            delivery = (
                EmailDelivery.objects.select_for_update(skip_locked=True)
                .filter(pk=delivery_id, sent_at__isnull=True)
                .first()
            )
            if delivery is None:
                continue  # sent meanwhile, or another worker is sending it
            notification = Notification.objects.filter(notice=notice, user_id=delivery.recipient_id).first()
            notice_email(delivery=delivery, notification=notification, notice=notice).send(fail_silently=False)
            delivery.attempts += 1
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["attempts", "sent_at"])


def notice_deliver(*, notice_id: int) -> Notice | None:
    """Deliver one notice: in-app notifications and e-mails to its recipients, at most once each in the
    database, then mark it sent. Safe to call any number of times, concurrently or after a crash.

    Returns the notice, or None if another worker is delivering it right now (or it does not exist).
    """
    notice, item = _record_recipients(notice_id=notice_id)
    if notice is None or item is None:
        return notice
    _debug_fail(notice)
    _send_emails(notice=notice)
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        if notice.status != NoticeStatus.PENDING:
            return notice
        if EmailDelivery.objects.filter(notice=notice, sent_at__isnull=True).exists():
            return notice  # another worker holds one of them; it marks the notice when it is done
        notice.mark_sent()
        notice.save()
        if notice.stage == NoticeStage.OVERDUE:
            audit_record(
                action="deadline.escalated",
                obj=notice,
                actor=None,
                case=_case_of(item) if item is not _NO_ITEM else None,
                to_state=notice.status,
                data={"source": notice.source, "item_id": notice.item_id, "deadline": notice.deadline},
            )
    return notice
