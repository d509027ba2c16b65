"""Writes of the notification centre: notices of events (in-app, and the e-mails and SMS they lead to),
closing the notices of a decided item, marking read.

Services of other apps announce an event with ``notices_emit_on_commit``: the notices are written after
the service's transaction commits (a rolled-back change announces nothing), in their own transaction, and
their e-mails and SMS are queued after that one commits.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from ecase.models import Delivery, DeliveryChannel, Notification, NotificationLevel, User
from ecase.notifications import events
from ecase.notifications.delivery import deliveries_enqueue
from ecase.notifications.preferences import choices_for
from ecase.notifications.selectors import notification_list_visible_to
from ecase.validators import validate_kz_phone

logger = logging.getLogger(__name__)


def notification_mark_read(*, notification_id: int, actor: User) -> Notification:
    """Mark one of the actor's notifications read (idempotent). Another user's answers DoesNotExist (404)."""
    with transaction.atomic():
        notification = notification_list_visible_to(user=actor).select_for_update().get(pk=notification_id)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: User, up_to: datetime | None = None) -> int:
    """Mark the actor's unread notifications read (those created up to `up_to`, if given). Returns how many."""
    unread = notification_list_visible_to(user=actor).filter(read_at__isnull=True)
    if up_to is not None:
        unread = unread.filter(created_at__lte=up_to)
    return unread.update(read_at=timezone.now())


def notification_create(
    *, user: User, title: str, body: str = "", url: str = "", level: str = NotificationLevel.INFO
) -> Notification:
    """An in-app notification with a fixed text (prefer an event: notices_emit). Call it inside the caller's
    transaction, so it commits with the change it announces."""
    if level not in NotificationLevel.values:
        raise ValueError(f"unknown notification level {level!r}")
    return Notification.objects.create(user=user, title=title[:255], body=body, url=url[:500], level=level)


def notices_close(*, subject: str, now: datetime | None = None) -> int:
    """The item changed state (decided, returned, answered, withdrawn...): its open notices are done."""
    if not subject:
        return 0
    return Notification.objects.filter(subject=subject, closed_at__isnull=True).update(closed_at=now or timezone.now())


def _language(user: User | None) -> str:
    return (getattr(user, "language", "") or settings.LANGUAGE_CODE) if user is not None else settings.LANGUAGE_CODE


def _phone_ok(phone: str) -> bool:
    try:
        validate_kz_phone(phone)
    except ValidationError:  # a number stored before numbers were validated: no SMS to it
        return False
    return bool(phone)


def notices_emit(
    *,
    event: str,
    subject: str = "",
    user_ids: Sequence[int] = (),
    params: dict[str, Any] | None = None,
    url: str = "",
    contacts: Sequence[events.Contact] = (),
    close: bool = True,
) -> list[Notification]:
    """Notify the users (in-app, and by e-mail or SMS as each chose) and the contacts of one event about one
    item. With `close`, the item's earlier open notices are done first (its state changed)."""
    kind = events.kind(event)
    if kind is None:
        raise ValueError(f"unknown notice event {event!r}")
    params = params or {}
    with translation.override(settings.LANGUAGE_CODE):
        title, body = events.render(event, params) or (event, "")
    with transaction.atomic():
        if close:
            notices_close(subject=subject)
        users = list(User.objects.filter(pk__in=set(user_ids), is_active=True).order_by("pk"))
        choices = choices_for(event=kind, user_ids=[u.pk for u in users])
        notifications = Notification.objects.bulk_create(
            [
                Notification(
                    user=user,
                    level=kind.level,
                    message_key=event,
                    params=params,
                    title=title[:255],
                    body=body,
                    url=url[:500],
                    subject=subject,
                    must_act=kind.must_act,
                )
                for user in users
                if choices[user.pk].in_app
            ]
        )
        by_user = {n.user_id: n for n in notifications}
        common = {"message_key": event, "params": params, "url": url[:500]}
        deliveries = []
        for user in users:
            choice = choices[user.pk]
            addresses = {
                DeliveryChannel.EMAIL: user.email if choice.enabled(DeliveryChannel.EMAIL) else "",
                DeliveryChannel.SMS: user.phone
                if choice.enabled(DeliveryChannel.SMS) and _phone_ok(user.phone)
                else "",
            }
            deliveries += [
                Delivery(
                    channel=channel,
                    notification=by_user.get(user.pk),
                    user=user,
                    recipient=address,
                    language=_language(user),
                    **common,
                )
                for channel, address in addresses.items()
                if address
            ]
        deliveries += [
            Delivery(
                channel=contact.channel,
                recipient=contact.address,
                language=contact.language or settings.LANGUAGE_CODE,
                **common,
            )
            for contact in contacts
            if contact.address and kind.offers(contact.channel)
        ]
        created = Delivery.objects.bulk_create(deliveries)
        ids = [d.pk for d in created]
        if ids:
            transaction.on_commit(partial(deliveries_enqueue, ids), robust=True)
    return notifications


def notices_emit_on_commit(**kwargs: Any) -> None:
    """notices_emit(**kwargs) once the caller's transaction commits. Pass ids and JSON values only.

    robust: the change the service made is committed by then; a failure to notify is logged rather than
    turned into an error answer for a change that did happen."""
    transaction.on_commit(partial(notices_emit, **kwargs), robust=True)


def notices_close_on_commit(*, subject: str) -> None:
    transaction.on_commit(partial(notices_close, subject=subject), robust=True)
