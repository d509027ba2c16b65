"""Procedural decisions and the prosecutor's filter: decisions, their documents and signatures, and the
admin-editable terms of each kind."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ecase.models import Case, Document, InvestigativeAction, Organisation, Participant, Person, TerminationGround
from ecase.terms.engine import end_of_day

from . import permissions
from .choices import DECIDED_STATUSES, DecisionKind, DecisionStatus, PreventiveMeasure
from .inbox_models import SavedInboxFilter
from .kinds import KindSpec, kind_spec
from .term_models import DecisionKindTerm

__all__ = ["DecisionDocument", "DecisionKindTerm", "DecisionSignature", "ProceduralDecision", "SavedInboxFilter"]


def overdue_q(now: datetime | None = None) -> Q:
    """Pending past the prosecutor's term: the one definition, served by the index decision_status_due."""
    return Q(status=DecisionStatus.PENDING, due_at__lt=now or timezone.now())


class DecisionQuerySet(models.QuerySet["ProceduralDecision"]):
    def overdue(self, now: datetime | None = None) -> DecisionQuerySet:
        return self.filter(overdue_q(now))

    def with_overdue(self, now: datetime | None = None) -> DecisionQuerySet:
        """Annotate `overdue` (a boolean usable in filters and ordering)."""
        return self.annotate(overdue=ExpressionWrapper(overdue_q(now), output_field=models.BooleanField()))


# Transition conditions: read from the kinds table, never from `if kind == ...`.
def _needs_approval(decision: Any) -> bool:
    return kind_spec(decision.kind).needs_approval


def _issued_directly(decision: Any) -> bool:
    return not kind_spec(decision.kind).needs_approval


def _needs_court(decision: Any) -> bool:
    return kind_spec(decision.kind).court_sanction


class ProceduralDecision(ConcurrentTransitionMixin, models.Model):
    """A procedural decision in a case. It has legal force only once approved (or sanctioned by a court)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=32, choices=DecisionKind.choices)
    status = FSMField(
        _("status"), max_length=32, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT, protected=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="decisions"
    )
    text = models.TextField(_("text"), help_text=_("Reasoning and operative part of the decision."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    # The prosecutor's clock: restarts on every submission.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_at = models.DateTimeField(_("prosecutor's deadline"), null=True, blank=True)
    # The prosecutor's act (approval, rejection or return; issue for prosecutor-issued kinds).
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approval_note = models.TextField(_("prosecutor's note"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    return_remarks = models.TextField(_("remarks on return"), blank=True)

    # Kind-specific fields (see approvals.kinds).
    termination_ground = models.ForeignKey(
        TerminationGround,
        verbose_name=_("ground of termination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suspension_ground = models.ForeignKey(
        "ecase.SuspensionGround",
        verbose_name=_("ground of suspension"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person concerned"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_full_name = models.CharField(_("full name of the person"), max_length=255, blank=True)
    person_iin = models.CharField(_("IIN of the person"), max_length=12, blank=True)
    person_birth_date = models.DateField(_("birth date of the person"), null=True, blank=True)
    qualification = models.CharField(_("qualification"), max_length=64, blank=True)
    new_term_expires_at = models.DateTimeField(_("new investigation term"), null=True, blank=True)
    measure = models.CharField(_("preventive measure"), max_length=32, choices=PreventiveMeasure.choices, blank=True)
    measure_until = models.DateField(_("measure requested until"), null=True, blank=True)
    detained_at = models.DateTimeField(_("detained at"), null=True, blank=True)
    action = models.ForeignKey(
        InvestigativeAction,
        verbose_name=_("investigative action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    main_case = models.ForeignKey(
        Case, verbose_name=_("main case"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # What the effect recorded.
    suspect_participant = models.ForeignKey(
        Participant,
        verbose_name=_("suspect recorded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognition_decisions",
    )
    suspect_notice_due_at = models.DateTimeField(_("suspect to be told by"), null=True, blank=True)
    suspect_notified_at = models.DateTimeField(_("suspect told at"), null=True, blank=True)
    # The termination ground as it was when the decision took effect (the ground table may change later).
    ground_code = models.CharField(_("ground code at the decision"), max_length=32, blank=True)
    ground_title = models.CharField(_("ground at the decision"), max_length=255, blank=True)
    ground_rehabilitating = models.BooleanField(_("rehabilitating at the decision"), null=True, blank=True)
    previous_term_expires_at = models.DateTimeField(_("previous investigation term"), null=True, blank=True)
    measure_expires_at = models.DateTimeField(_("measure expires at"), null=True, blank=True)

    # The court step (kinds that need a sanction).
    sent_to_court_at = models.DateTimeField(_("filed with the court at"), null=True, blank=True)
    court_due_at = models.DateTimeField(_("court's deadline"), null=True, blank=True)
    court = models.ForeignKey(
        Organisation, verbose_name=_("court"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    court_decided_at = models.DateTimeField(_("court ruled at"), null=True, blank=True)
    court_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    court_reason = models.TextField(_("court's reasons"), blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedural decision")
        verbose_name_plural = _("procedural decisions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="decision_status_due"),
            models.Index(fields=["status", "court_due_at"], name="decision_status_court_due"),
            models.Index(fields=["case", "status"], name="decision_case_status"),
            # The visible decisions of a status (inbox count): index-only, joined to the visible case ids.
            models.Index(fields=["status", "case"], name="decision_status_case"),
            models.Index(fields=["author", "status"], name="decision_author_status"),
            models.Index(fields=["kind", "status", "decided_at"], name="decision_kind_outcome"),
            models.Index(fields=["status", "suspect_notice_due_at"], name="decision_suspect_notice"),
            models.Index(fields=["status", "measure_expires_at"], name="decision_measure_expiry"),
        ]
        constraints = [
            # One review per rights-restricting action: the hook that creates it may run only once.
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(kind=DecisionKind.URGENT_ACTION_NOTICE),
                name="decision_one_notice_per_action",
            ),
            # A pending decision always has its deadline; a decided one its time of decision.
            models.CheckConstraint(
                condition=~Q(status=DecisionStatus.PENDING) | Q(due_at__isnull=False),
                name="decision_pending_has_due",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_STATUSES) | Q(decided_at__isnull=False),
                name="decision_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def spec(self) -> KindSpec:
        return kind_spec(self.kind)

    # Lists call these for every row: through the enums, one lookup each. Django's generated get_FOO_display
    # rebuilds and hashes the whole choice list on every call (issue 14: a third of a list's serializing).
    def get_kind_display(self) -> str:  # type: ignore[no-redef]
        return str(DecisionKind(self.kind).label) if self.kind in DecisionKind.values else self.kind

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return str(DecisionStatus(self.status).label) if self.status in DecisionStatus.values else self.status

    @property
    def is_overdue(self) -> bool:
        return self.status == DecisionStatus.PENDING and self.due_at is not None and self.due_at < timezone.now()

    @property
    def is_court_overdue(self) -> bool:
        return (
            self.status == DecisionStatus.COURT_PENDING
            and self.court_due_at is not None
            and self.court_due_at < timezone.now()
        )

    @property
    def is_due_today(self) -> bool:
        now = timezone.now()
        return (
            self.status == DecisionStatus.PENDING
            and self.due_at is not None
            and now <= self.due_at <= end_of_day(timezone.localdate(now))
        )

    # Transitions change only this row's fields; the services lock, save, apply effects, audit and sign.
    def _record_decider(self, *, by: object, at: datetime) -> None:
        self.decided_at = at
        self.decided_by = by  # type: ignore[assignment]

    def _record_ruling(self, *, by: object, court: Organisation, at: datetime, reason: str) -> None:
        self.court_decided_by = by  # type: ignore[assignment]
        self.court = court
        self.court_decided_at = at
        self.court_reason = reason

    @transition(
        field=status,
        source=DecisionStatus.DRAFT,
        target=DecisionStatus.PENDING,
        conditions=[_needs_approval],
        permission=lambda d, u: permissions.can_author_act(u, d),
    )
    def submit(self, *, at: datetime, due_at: datetime) -> None:
        self.submitted_at = at
        self.due_at = due_at
        self.decided_at = None
        self.decided_by = None

    @transition(
        field=status,
        source=DecisionStatus.DRAFT,
        target=DecisionStatus.APPROVED,
        conditions=[_issued_directly],
        permission=lambda d, u: permissions.can_issue(u, d),
    )
    def issue(self, *, by: object, at: datetime) -> None:
        self.submitted_at = at
        self._record_decider(by=by, at=at)

    @transition(
        field=status,
        source=DecisionStatus.PENDING,
        target=DecisionStatus.APPROVED,
        permission=lambda d, u: permissions.can_review(u, d),
    )
    def approve(self, *, by: object, at: datetime, note: str = "") -> None:
        self._record_decider(by=by, at=at)
        self.approval_note = note

    @transition(
        field=status,
        source=DecisionStatus.PENDING,
        target=DecisionStatus.REJECTED,
        permission=lambda d, u: permissions.can_review(u, d),
    )
    def reject(self, *, by: object, at: datetime, reason: str) -> None:
        self._record_decider(by=by, at=at)
        self.rejection_reason = reason

    @transition(
        field=status,
        source=DecisionStatus.PENDING,
        target=DecisionStatus.RETURNED,
        permission=lambda d, u: permissions.can_review(u, d),
    )
    def return_to_author(self, *, by: object, at: datetime, remarks: str) -> None:
        self._record_decider(by=by, at=at)
        self.return_remarks = remarks

    @transition(
        field=status,
        source=DecisionStatus.RETURNED,
        target=DecisionStatus.DRAFT,
        permission=lambda d, u: permissions.can_author_act(u, d),
    )
    def revise(self) -> None:
        self.updated_at = timezone.now()

    @transition(
        field=status,
        source=[DecisionStatus.DRAFT, DecisionStatus.RETURNED],
        target=DecisionStatus.WITHDRAWN,
        permission=lambda d, u: permissions.can_author_act(u, d),
    )
    def withdraw(self) -> None:
        self.updated_at = timezone.now()

    @transition(
        field=status, source=DecisionStatus.APPROVED, target=DecisionStatus.COURT_PENDING, conditions=[_needs_court]
    )
    def send_to_court(self, *, at: datetime, court_due_at: datetime) -> None:
        self.sent_to_court_at = at
        self.court_due_at = court_due_at

    @transition(
        field=status,
        source=DecisionStatus.COURT_PENDING,
        target=DecisionStatus.SANCTIONED,
        permission=lambda d, u: permissions.can_record_court_outcome(u, d),
    )
    def sanction(self, *, by: object, court: Organisation, at: datetime, reason: str) -> None:
        self._record_ruling(by=by, court=court, at=at, reason=reason)

    @transition(
        field=status,
        source=DecisionStatus.COURT_PENDING,
        target=DecisionStatus.DENIED,
        permission=lambda d, u: permissions.can_record_court_outcome(u, d),
    )
    def deny(self, *, by: object, court: Organisation, at: datetime, reason: str) -> None:
        self._record_ruling(by=by, court=court, at=at, reason=reason)


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
