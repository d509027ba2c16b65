"""The detention clock (CPC Art. 128-131): a detained person is released, or brought before the
investigating judge who sanctions a preventive measure, within 48 hours of the actual moment of detention
(72 hours when the law's exceptional ground is recorded). The end is computed once, when the detention is
recorded, and never moves (a term of a limit of liberty does not move off a day off)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ecase.choices import DetentionStatus

from .cases import Case, Document, Person
from .organisations import User


class Detention(ConcurrentTransitionMixin, models.Model):
    """One detention of one person in one case, with its clock."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="detentions")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="detentions")
    detained_at = models.DateTimeField(_("detained at"), help_text=_("The actual moment of detention."))
    protocol_reference = models.CharField(_("protocol of detention"), max_length=128, blank=True)
    protocol_document = models.ForeignKey(
        Document,
        verbose_name=_("protocol document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exceptional = models.BooleanField(_("exceptional ground (72 hours)"), default=False)
    exceptional_basis = models.TextField(_("basis of the exceptional ground"), blank=True)
    ends_at = models.DateTimeField(_("release or sanction due by"), editable=False)
    status = FSMField(
        _("status"), max_length=16, choices=DetentionStatus.choices, default=DetentionStatus.RUNNING, protected=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stopped_at = models.DateTimeField(_("clock stopped at"), null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stop_note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("detention")
        verbose_name_plural = _("detentions")
        ordering = ["-detained_at", "-id"]
        indexes = [models.Index(fields=["status", "ends_at"], name="detention_status_end")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=models.Q(status=DetentionStatus.RUNNING),
                name="detention_one_running_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.detained_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self) -> bool:
        return self.status == DetentionStatus.RUNNING

    @property
    def is_overdue(self) -> bool:
        """Still held after the end of the clock."""
        return self.is_running and self.ends_at < timezone.now()

    # Transitions change only this row; ecase.services.detentions locks, saves and audits.
    @transition(field=status, source=DetentionStatus.RUNNING, target=DetentionStatus.RELEASED)
    def release(self, *, by: User | None, at: datetime, note: str = "") -> None:
        self.stopped_by, self.stopped_at, self.stop_note = by, at, note

    @transition(field=status, source=DetentionStatus.RUNNING, target=DetentionStatus.SANCTIONED)
    def sanction(self, *, by: User | None, at: datetime, note: str = "") -> None:
        self.stopped_by, self.stopped_at, self.stop_note = by, at, note
