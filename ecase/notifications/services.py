"""Writes of the notification centre. Each runs inside the caller's transaction where it announces a change."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ecase.models import Notification, NotificationLevel, User
from ecase.notifications.selectors import notification_list_visible_to


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
    """An in-app notification that is not a deadline notice (e.g. an app telling a citizen their complaint
    was answered). Call it inside the caller's transaction, so it commits with the change it announces."""
    if level not in NotificationLevel.values:
        raise ValueError(f"unknown notification level {level!r}")
    return Notification.objects.create(user=user, title=title[:255], body=body, url=url[:500], level=level)
