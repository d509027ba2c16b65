"""The record of a personal explanation of a refusal, and the log of e-mails sent to complainants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.choices import ExplanationForm, NoticeEvent


class ComplaintExplanation(models.Model):
    """A senior prosecutor explained a proposed refusal to the complainant personally.

    The complaint points to its explanation (Complaint.explanation), so the database itself can refuse a
    refused complaint without one (a check constraint on the complaint row).
    """

    held_at = models.DateTimeField(_("held at"))
    form = models.CharField(_("form"), max_length=16, choices=ExplanationForm.choices)
    # Who gave the explanation is a user, like every actor (never free text); `participants` lists the others.
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("explained by"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.TextField(_("who took part"))
    summary = models.TextField(pgettext_lazy("explanation", "summary"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("personal explanation")
        verbose_name_plural = _("personal explanations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(participants="") & ~models.Q(summary=""), name="explanation_texts_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.held_at:%Y-%m-%d %H:%M}"


class ComplaintNotice(models.Model):
    """One e-mail to the complainant. Unique per (complaint, event): a retried task never mails twice."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="notices")
    event = models.CharField(_("event"), max_length=16, choices=NoticeEvent.choices)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("complainant notice")
        verbose_name_plural = _("complainant notices")
        constraints = [models.UniqueConstraint(fields=["complaint", "event"], name="complaint_notice_once")]

    def __str__(self) -> str:
        return f"{self.complaint_id}:{self.event}"
