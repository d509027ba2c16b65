"""The documents attached to a decision and the signature put on it when it takes effect."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.models import Document

from .decisions import ProceduralDecision


class DecisionDocument(models.Model):
    """A document attached to a decision (the file itself is an ecase Document, with its SHA-256)."""

    decision = models.ForeignKey(ProceduralDecision, on_delete=models.PROTECT, related_name="attachments")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision document")
        verbose_name_plural = _("decision documents")
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "document"], name="decision_document_unique")]

    def __str__(self) -> str:
        return str(self.document)


class DecisionSignature(models.Model):
    """The signature put on a decision when it takes effect: over the canonical hash of its content."""

    decision = models.OneToOneField(ProceduralDecision, on_delete=models.PROTECT, related_name="signature")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    algorithm = models.CharField(_("algorithm"), max_length=64)
    key_id = models.CharField(_("key id"), max_length=128)
    signer = models.CharField(_("signer"), max_length=255, help_text=_("Import path of the signer class."))
    value = models.TextField(_("signature"))

    class Meta:
        verbose_name = _("decision signature")
        verbose_name_plural = _("decision signatures")

    def __str__(self) -> str:
        return f"{self.algorithm} {self.content_hash[:12]}"
