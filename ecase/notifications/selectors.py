"""Reads of the notification centre: a user sees only their own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from ecase.models import Notification, User


def notification_list_visible_to(*, user: User) -> QuerySet[Notification]:
    """A user sees only their own notifications."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_get_visible(*, user: User, notification_id: int) -> Notification:
    return notification_list_visible_to(user=user).get(pk=notification_id)


def notification_unread_count(*, user: User) -> int:
    """The badge: unread notices whose item is still open (open work; a decided item's notice is done)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True, closed_at__isnull=True).count()
