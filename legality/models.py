"""Findings of the legality rules, the fingerprints of submitted decisions, and the nightly scan's runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from approvals.models import ProceduralDecision
from ecase.models import Case

from .choices import FindingOrigin, FindingSeverity, FindingStatus


class Finding(models.Model):
    """What one rule found about one object. Open while the facts hold; the rules close it when they stop
    holding (resolved), a prosecutor closes it with a reason (acknowledged) or with the decision that fixed
    it (acted on). The same facts found again after closing open a new finding."""

    rule = models.CharField(_("rule"), max_length=64, db_index=True)
    severity = models.CharField(_("severity"), max_length=16, choices=FindingSeverity.choices)
    blocks_approval = models.BooleanField(_("blocks approval"), default=False)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="findings")
    decision = models.ForeignKey(
        ProceduralDecision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    object_key = models.CharField(_("object"), max_length=64)
    facts = models.JSONField(_("facts"), default=dict)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    status = FSMField(
        _("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN, protected=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    acted_decision = models.ForeignKey(
        ProceduralDecision,
        verbose_name=_("decision that fixed it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A finding recorded by hand: who recorded it, the article of the law and the prosecutor's text.
    origin = models.CharField(
        _("found by"), max_length=16, choices=FindingOrigin.choices, default=FindingOrigin.SYSTEM, db_index=True
    )
    article = models.CharField(_("article of the law"), max_length=255, blank=True)
    text = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["first_seen", "id"]
        indexes = [
            models.Index(fields=["status", "severity", "first_seen"], name="finding_queue"),
            models.Index(fields=["case", "status"], name="finding_case_status"),
        ]
        constraints = [
            # One open finding per rule and object: the sync may run twice, it never duplicates. Findings recorded
            # by hand are not the rules' to deduplicate (a prosecutor may record two on one decision).
            models.UniqueConstraint(
                fields=["rule", "case", "object_key"],
                condition=Q(status="open", origin="system"),
                name="finding_one_open_per_object",
            ),
            models.CheckConstraint(
                condition=Q(origin="system") | (Q(rule="manual", created_by__isnull=False) & ~Q(text="")),
                name="finding_manual_has_author_and_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.object_key}"

    @property
    def is_open(self) -> bool:
        return self.status == FindingStatus.OPEN

    # Transitions change only this row; legality.services saves and audits.
    @transition(field=status, source=FindingStatus.OPEN, target=FindingStatus.RESOLVED)
    def resolve(self, *, at: object) -> None:
        self.closed_at = at  # type: ignore[assignment]

    @transition(field=status, source=FindingStatus.OPEN, target=FindingStatus.ACKNOWLEDGED)
    def acknowledge(self, *, by: object, at: object, reason: str) -> None:
        self.closed_by, self.closed_at, self.reason = by, at, reason  # type: ignore[assignment]

    @transition(field=status, source=FindingStatus.OPEN, target=FindingStatus.ACTED_ON)
    def act_on(self, *, by: object, at: object, decision: ProceduralDecision, reason: str) -> None:
        self.closed_by, self.closed_at, self.acted_decision, self.reason = by, at, decision, reason  # type: ignore[assignment]


class SubmissionFingerprint(models.Model):
    """The content hash of a decision at each submission (so a resubmission without change is seen)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legality_fingerprints")
    decision = models.ForeignKey(ProceduralDecision, on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(_("content hash"), max_length=64)
    # The attached documents as submitted: document id -> SHA-256 (null for submissions fingerprinted before
    # this was recorded; they are not compared).
    documents = models.JSONField(_("documents as submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("submission fingerprint")
        verbose_name_plural = _("submission fingerprints")
        constraints = [
            models.UniqueConstraint(fields=["decision", "submitted_at"], name="fingerprint_one_per_submission")
        ]

    def __str__(self) -> str:
        return self.content_hash[:12]


class ScanRun(models.Model):
    """One nightly scan over the open cases. It keeps its cursor so a crashed scan resumes where it was."""

    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    cursor = models.BigIntegerField(_("last case id done"), default=0)
    total = models.PositiveIntegerField(_("cases to scan"), default=0)
    processed = models.PositiveIntegerField(_("cases scanned"), default=0)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    opened = models.PositiveIntegerField(_("findings opened"), default=0)
    resolved = models.PositiveIntegerField(_("findings resolved"), default=0)
    active = models.BooleanField(_("running"), default=True)

    class Meta:
        verbose_name = _("legality scan")
        verbose_name_plural = _("legality scans")
        ordering = ["-started_at", "-id"]
        constraints = [
            # At most one unfinished scan: a second start resumes it instead.
            models.UniqueConstraint(fields=["active"], condition=Q(active=True), name="scanrun_one_unfinished"),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.processed}/{self.total})"
