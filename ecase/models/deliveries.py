"""Delivery of notices by e-mail and SMS, and each user's choice of channels per event.

A Delivery is one message to one address or phone number on one channel: recorded in the transaction that
creates the notice, sent by a Celery task after commit, retried with backoff, and kept as the delivery log
(channel, recipient, status, attempts, last error, sent at). Its text is rendered when it is sent, in the
recipient's language, from the same message key and parameters as the in-app notice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from ecase.choices import DeliveryChannel

from .notifications import Notification


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", pgettext_lazy("delivery status", "Failed")


class Delivery(FSMModelMixin, models.Model):
    """One e-mail or SMS of one notice to one recipient: the delivery log."""

    channel = models.CharField(
        _("channel"), max_length=8, choices=[(c.value, c.label) for c in DeliveryChannel if c != "in_app"]
    )
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for a citizen without an account (the complaint's contact)."),
    )
    recipient = models.CharField(_("recipient"), max_length=254, help_text=_("E-mail address or phone number."))
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    message_key = models.CharField(_("message"), max_length=64)
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    status = FSMField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, protected=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("delivery log")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"],
                condition=models.Q(notification__isnull=False),
                name="delivery_once_per_notification_channel",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="delivery_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient} ({self.status})"

    # Transitions change only this row; ecase.notifications.delivery locks, sends and saves.
    @transition(field=status, source=DeliveryStatus.PENDING, target=DeliveryStatus.SENT)
    def mark_sent(self) -> None:
        self.sent_at = timezone.now()
        self.error = ""

    @transition(field=status, source=DeliveryStatus.PENDING, target=DeliveryStatus.FAILED)
    def mark_failed(self, error: str) -> None:
        self.error = error[:2000]


class NotificationPreference(models.Model):
    """A user's channels for one kind of event. No row: the event's defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    event = models.CharField(_("event"), max_length=64)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("e-mail"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "event"]
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="notification_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.event}"
