"""The audit trail: an append-only log of every change of state, chained under a key (see ecase.audit.linker)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from ecase.audit.crypto import CONTENT_FIELDS


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Who did what, when, from which state to which, and why. Never updated, never deleted."""

    # The order of insertion, drawn from a database sequence without any lock (gaps where a transaction
    # rolled back). The chain's own order is `position`, given by the linker once the event is committed.
    seq = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    occurred_at = models.DateTimeField(_("occurred at"), editable=False, db_index=True)
    # The database's clock at insert (a bulk seeder's events describe the past in occurred_at).
    recorded_at = models.DateTimeField(_("recorded at"), db_default=Now(), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    actor_name = models.CharField(_("actor"), max_length=255, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=64, db_index=True, editable=False)
    object_type = models.CharField(_("object type"), max_length=64, editable=False)
    object_id = models.CharField(_("object id"), max_length=64, editable=False)
    case = models.ForeignKey(
        "ecase.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events", editable=False
    )
    from_state = models.CharField(_("from state"), max_length=64, blank=True, editable=False)
    to_state = models.CharField(_("to state"), max_length=64, blank=True, editable=False)
    reason = models.TextField(_("reason"), blank=True, editable=False)
    data = models.JSONField(_("data"), default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder)
    key_id = models.CharField(_("key id"), max_length=32, editable=False)
    mac = models.CharField(_("event MAC"), max_length=64, editable=False)  # by the writer, under key_id
    # Set once by the linker (the database triggers allow exactly this one UPDATE): the place in the chain
    # and the HMAC over the previous link.
    position = models.PositiveBigIntegerField(_("chain position"), null=True, unique=True, editable=False)
    link = models.CharField(_("chain link"), max_length=64, blank=True, default="", editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"], name="audit_object"),
            models.Index(fields=["case", "seq"], name="audit_case"),
            models.Index(fields=["recorded_at", "seq"], name="audit_unlinked", condition=models.Q(position=None)),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")

    def content(self) -> dict[str, Any]:
        """The values its MAC covers (see ecase.audit.crypto)."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


class AuditVerification(models.Model):
    """One run of verify_audit (nightly, on demand): what the auditor's page shows."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    ok = models.BooleanField(_("intact"))
    events_checked = models.PositiveBigIntegerField(_("events checked"))
    since_position = models.PositiveBigIntegerField(_("since position"), default=0)
    first_failure = models.TextField(_("first failure"), blank=True)
    failures = models.JSONField(_("failures"), default=list, blank=True)

    class Meta:
        verbose_name = _("audit verification")
        verbose_name_plural = _("audit verifications")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'FAILED'}"
