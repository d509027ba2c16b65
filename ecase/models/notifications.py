"""Deadline notices and the in-app notification centre.

A Notice is one reminder about one item at one stage of its clock (due soon, due, overdue), recorded under
the unique key (source, item, stage, deadline): a rescan, a retried task or a duplicated message finds the
row and never makes a second one. Delivering it creates one Notification per recipient (unique per notice
and user) and one EmailDelivery per recipient with an address (unique per notice and user, recorded before
the e-mail is handed to the backend and marked after).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ecase.choices import NotificationLevel


class NoticeStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    DUE = "due", _("Due now")
    OVERDUE = "overdue", _("Overdue, escalated")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled (item closed or deadline moved)")


class Notice(ConcurrentTransitionMixin, models.Model):
    """One reminder or escalation about one item's deadline. Created by the scan, sent by a task."""

    source = models.CharField(_("source"), max_length=64)
    item_id = models.BigIntegerField(_("item id"))
    stage = models.CharField(_("stage"), max_length=16, choices=NoticeStage.choices)
    deadline = models.DateTimeField(_("deadline"))
    status = FSMField(
        _("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.PENDING, protected=True
    )
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Column order serves the scan: equality on source and stage, then a range of deadlines.
            models.UniqueConstraint(fields=["source", "stage", "deadline", "item_id"], name="notice_key"),
        ]
        indexes = [
            # Pending notices are few: the scan finds new and stale ones through this partial index.
            models.Index(
                fields=["enqueued_at"], condition=models.Q(status=NoticeStatus.PENDING), name="notice_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.item_id} {self.stage} @ {self.deadline:%Y-%m-%d %H:%M}"

    @property
    def is_escalation(self) -> bool:
        return self.stage == NoticeStage.OVERDUE

    # Transitions change only this row's fields; the reminders services lock, save and deliver.
    @transition(field=status, source=NoticeStatus.PENDING, target=NoticeStatus.SENT)
    def mark_sent(self) -> None:
        self.sent_at = timezone.now()

    @transition(field=status, source=NoticeStatus.PENDING, target=NoticeStatus.CANCELLED)
    def cancel(self) -> None:
        self.sent_at = None


class EmailDelivery(models.Model):
    """The e-mail of one notice to one recipient: recorded before it is handed to the backend, marked after."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="email_deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address = models.EmailField(_("address"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "recipient"], name="email_delivery_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.address} ({'sent' if self.sent_at else 'pending'})"


class Notification(models.Model):
    """An entry in a user's notification centre."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("level"), max_length=16, choices=NotificationLevel.choices)
    # What it says is rendered in the reader's language when read: the event's message key and its parameters
    # (ecase.notifications.events). title and body keep the text in the default language, for search and for
    # rows written before messages were keyed.
    message_key = models.CharField(_("message"), max_length=64, blank=True)
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The item it is about ("app_label.model:pk"): a change of the item's state closes its open notices.
    subject = models.CharField(_("item"), max_length=64, blank=True)
    must_act = models.BooleanField(_("asks for action"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("done at"), null=True, blank=True, help_text=_("When the item it is about was decided or closed.")
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="notification_unique_per_notice"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_list"),
            # The badge: unread notices whose item is still open.
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True, closed_at__isnull=True),
                name="notification_open_unread",
            ),
            models.Index(
                fields=["subject"], condition=models.Q(closed_at__isnull=True), name="notification_open_subject"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def rendered(self) -> tuple[str, str]:
        """(title, text) in the active language; the stored text when the message is not keyed or unknown."""
        from ecase.notifications.events import render

        if self.message_key:
            rendered = render(self.message_key, self.params)
            if rendered is not None:
                return rendered
        return self.title, self.body

    @property
    def display_title(self) -> str:
        return self.rendered()[0]

    @property
    def display_body(self) -> str:
        return self.rendered()[1]
