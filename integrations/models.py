"""Service accounts and their tokens, idempotency records, webhook subscriptions and deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceAccount(models.Model):
    """An external system (a court's records, the citizens' portal, statistics) acting through the API.

    It acts as its own user (`user`: a role and an organisation, so the role's rights and visibility apply
    unchanged and every change it makes is attributed to it in the audit trail), narrowed by `scopes`.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_account", verbose_name=_("user")
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    rate_limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=600)
    require_if_match = models.BooleanField(
        _("require If-Match"),
        default=False,
        help_text=_("Writes to a case, a decision or a complaint without If-Match are refused (428)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("service account")
        verbose_name_plural = _("service accounts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class ServiceToken(models.Model):
    """A token of a service account: only its SHA-256 is stored; the raw token is shown once."""

    account = models.ForeignKey(ServiceAccount, on_delete=models.CASCADE, related_name="tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=16)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        verbose_name = _("service token")
        verbose_name_plural = _("service tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.account})"

    def is_valid_at(self, when: object) -> bool:
        return self.revoked_at is None and self.expires_at > when  # type: ignore[operator]


class IdempotencyRecord(models.Model):
    """The first response to a POST with an Idempotency-Key, per caller and key, kept for 24 hours.

    `status_code` is NULL while the first request is still running: a concurrent retry gets 409."""

    principal = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [models.UniqueConstraint(fields=["principal", "key"], name="idempotency_once")]

    def __str__(self) -> str:
        return f"{self.principal} {self.key}"


class WebhookSubscription(models.Model):
    account = models.ForeignKey(ServiceAccount, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    event_types = models.JSONField(_("event types"), default=list, blank=True, help_text=_("Empty: every type."))
    secret = models.CharField(_("secret"), max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # The chain position of the last audit event fanned out into deliveries (the outbox's read mark).
    cursor = models.PositiveBigIntegerField(_("cursor"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.account}: {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Dead letter")


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    # No database constraint: the audit table must stay TRUNCATE-able by its own guard (ecase migration 0020).
    event = models.ForeignKey("ecase.AuditEvent", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    position = models.PositiveBigIntegerField(_("chain position"))
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices, default="pending")
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(_("last response status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["subscription", "event"], name="webhook_delivery_once")]
        indexes = [models.Index(fields=["subscription", "status", "position"], name="webhook_delivery_queue")]

    def __str__(self) -> str:
        return f"{self.subscription_id} #{self.position} {self.status}"
