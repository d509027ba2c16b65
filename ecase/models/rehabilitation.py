"""Rehabilitation (CPC Art. 38): a person whose case was terminated on a rehabilitating ground has the right
to compensation, and must be handed a notice of that right. The ground is copied as it was at the decision,
so a later edit of the ground table changes nothing here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case, Document, Person


class Rehabilitation(models.Model):
    """A person rehabilitated by the termination of a case, and the hand-over of the compensation notice."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="rehabilitations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="rehabilitations"
    )
    decision_reference = models.CharField(_("decision"), max_length=64)
    ground_code = models.CharField(_("ground code"), max_length=32)
    ground_title = models.CharField(_("ground"), max_length=255)
    rehabilitated_at = models.DateTimeField(_("rehabilitated at"), default=timezone.now)
    notice_document = models.ForeignKey(
        Document, verbose_name=_("notice of the right to compensation"), on_delete=models.PROTECT, related_name="+"
    )
    handover_due_at = models.DateTimeField(_("notice to be handed over by"))
    handed_over_at = models.DateTimeField(_("notice handed over at"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The prosecutor cancelled the termination: the rehabilitation no longer stands (nothing to hand over).
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rehabilitation")
        verbose_name_plural = _("rehabilitations")
        ordering = ["-rehabilitated_at", "-id"]
        indexes = [
            models.Index(
                fields=["handover_due_at"],
                condition=models.Q(handed_over_at__isnull=True, cancelled_at__isnull=True),
                name="rehab_handover_due",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "decision_reference"], name="rehabilitation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.case})"
