"""A citizen's complaint to the prosecutor's office and its state machine.

    submitted --register--> in_review --satisfy--> satisfied
                               |      --partially_satisfy--> partially_satisfied
                               |      --forward--> forwarded
                               +--propose_refusal--> refusal_pending_explanation
                                      --record_explanation--> refused
    refused | partially_satisfied --appeal--> a new complaint (appeal_of) to the higher office

Transitions change only this row. Services lock the row, check permissions, call the transition, save,
audit and notify. A refused complaint without an explanation cannot be stored: the transition needs the
explanation object, and a check constraint refuses `status = refused` with `explanation_id IS NULL`.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from complaints.choices import (
    ANSWERED_STATUSES,
    APPEALABLE_STATUSES,
    OPEN_STATUSES,
    Channel,
    ComplaintStatus,
)
from ecase.choices import PROSECUTOR_OFFICE_KINDS
from ecase.models import Case, Document, Organisation, User
from ecase.validators import validate_iin, validate_kz_phone

from .explanation import ComplaintExplanation
from .kind import ComplaintKind

S = ComplaintStatus


def filing_language() -> str:
    """The language of the request that files the complaint (the default language outside a request)."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0][:8]


def _q_status(*statuses: str) -> models.Q:
    return models.Q(status__in=list(statuses))


class Complaint(ConcurrentTransitionMixin, models.Model):
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True, editable=False)
    access_key_hash = models.CharField(
        _("access key (SHA-256)"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Hash of the secret key an anonymous complainant tracks the complaint with; never the key."),
    )
    kind = models.ForeignKey(
        ComplaintKind,
        verbose_name=_("kind"),
        to_field="code",
        db_column="kind",
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # The complainant: a citizen account when filed with one; the identity fields are always filled.
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    complainant_name = models.CharField(_("complainant's full name"), max_length=255)
    complainant_iin = models.CharField(_("complainant's IIN"), max_length=12, validators=[validate_iin])
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[validate_kz_phone],
        help_text=_("For SMS notices: a Kazakhstan number, +7XXXXXXXXXX."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        default=filing_language,
        editable=False,
        help_text=_("The language the complaint was filed in: SMS notices to the complainant use it."),
    )
    complainant_address = models.CharField(_("postal address"), max_length=255, blank=True)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    case_number = models.CharField(
        _("case number as given"), max_length=32, blank=True, help_text=_("What the complainant typed.")
    )
    text = models.TextField(_("text"))
    documents = models.ManyToManyField(Document, verbose_name=_("attachments"), blank=True, related_name="+")
    office = models.ForeignKey(
        Organisation,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="complaints",
        limit_choices_to={"kind__in": PROSECUTOR_OFFICE_KINDS},
    )
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("executor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
    )
    status = FSMField(_("status"), max_length=32, choices=S.choices, default=S.SUBMITTED, protected=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by staff"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The staff member who entered a complaint received by mail or in person."),
    )
    # Terms. due_at is the deadline in force: the kind's term from receipt, moved once by an extension
    # (then extended_until == due_at and initial_due_at keeps the original).
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("answer due"))
    initial_due_at = models.DateTimeField(_("initial term"))
    forward_due_at = models.DateTimeField(_("forward to a competent body by"))
    extended_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The answer.
    answer = models.TextField(_("answer"), blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    rights_notice = models.TextField(_("notice of appeal rights"), blank=True)
    refusal_proposed_at = models.DateTimeField(_("refusal proposed at"), null=True, blank=True)
    refusal_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    explanation_due_at = models.DateTimeField(_("personal explanation due"), null=True, blank=True)
    explanation = models.OneToOneField(
        ComplaintExplanation,
        verbose_name=_("personal explanation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal_of = models.OneToOneField(
        "self",
        verbose_name=_("appeal against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeal_filed",
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["office", "status", "due_at"], name="complaint_queue"),
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            models.Index(fields=["status", "explanation_due_at"], name="complaint_status_expl_due"),
            models.Index(fields=["complainant", "received_at"], name="complaint_complainant"),
        ]
        constraints = [
            # No refusal is final without the record of the personal explanation, and an explanation
            # exists only on a refused complaint.
            models.CheckConstraint(
                condition=~models.Q(status=S.REFUSED) | models.Q(explanation__isnull=False),
                name="complaint_refused_needs_explanation",
            ),
            models.CheckConstraint(
                condition=models.Q(explanation__isnull=True) | models.Q(status=S.REFUSED),
                name="complaint_explanation_only_when_refused",
            ),
            models.CheckConstraint(
                condition=~_q_status(S.REFUSAL_PENDING_EXPLANATION, S.REFUSED)
                | (
                    models.Q(refusal_proposed_at__isnull=False, explanation_due_at__isnull=False) & ~models.Q(answer="")
                ),
                name="complaint_refusal_is_reasoned",
            ),
            models.CheckConstraint(
                condition=~_q_status(*ANSWERED_STATUSES) | models.Q(answered_at__isnull=False),
                name="complaint_answered_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=S.FORWARDED) | ~models.Q(forwarded_to=""),
                name="complaint_forward_names_body",
            ),
            models.CheckConstraint(
                condition=models.Q(status=S.SUBMITTED) | models.Q(registered_at__isnull=False, executor__isnull=False),
                name="complaint_registered_has_executor",
            ),
            models.CheckConstraint(
                condition=models.Q(extended_until__isnull=True)
                | (models.Q(extended_until=models.F("due_at")) & ~models.Q(extension_reason="")),
                name="complaint_extension_reasoned",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    # -- derived ---------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def current_deadline(self) -> datetime:
        if self.status == S.REFUSAL_PENDING_EXPLANATION and self.explanation_due_at is not None:
            return min(self.explanation_due_at, self.due_at)
        return self.due_at

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_open and (now or timezone.now()) > self.current_deadline

    @property
    def answered_in_time(self) -> bool | None:
        return None if self.answered_at is None else self.answered_at <= self.due_at

    @property
    def display_rights_notice(self) -> str:
        return gettext(self.rights_notice) if self.rights_notice else ""

    @property
    def is_anonymous(self) -> bool:
        return self.complainant_id is None

    # -- transitions (this row only) -------------------------------------------------------------
    def _has_no_extension(self) -> bool:
        return self.extended_until is None

    def _has_no_appeal(self) -> bool:
        return not Complaint.objects.filter(appeal_of=self.pk).exists()

    @transition(field=status, source=S.SUBMITTED, target=S.IN_REVIEW)
    def register(self, *, office: Organisation, executor: User, kind: ComplaintKind, actor: User, at: datetime) -> None:
        if not office.is_prosecutor_office:
            raise ValidationError({"office": _("Choose a prosecutor's office.")})
        if not executor.is_prosecutor or executor.organisation_id != office.pk or not executor.is_active:
            raise ValidationError({"executor": _("The executor must be a prosecutor of the chosen office.")})
        self.office = office
        self.executor = executor
        self.kind = kind
        self.registered_at = at
        self.registered_by = actor
        # The term counts from receipt; registration fixes the kind (and so the term).
        self.due_at = self.initial_due_at = kind.due_from(self.received_at)
        self.forward_due_at = kind.forwarding_due_from(self.received_at)

    def _answer(self, *, answer: str, actor: User, at: datetime) -> None:
        self.answer = answer
        self.answered_at = at
        self.answered_by = actor
        self.rights_notice = self.kind.rights_notice

    @transition(field=status, source=S.IN_REVIEW, target=S.SATISFIED)
    def satisfy(self, *, answer: str, actor: User, at: datetime) -> None:
        self._answer(answer=answer, actor=actor, at=at)

    @transition(field=status, source=S.IN_REVIEW, target=S.PARTIALLY_SATISFIED)
    def partially_satisfy(self, *, answer: str, actor: User, at: datetime) -> None:
        self._answer(answer=answer, actor=actor, at=at)

    @transition(field=status, source=S.IN_REVIEW, target=S.FORWARDED)
    def forward(self, *, body: str, answer: str, actor: User, at: datetime) -> None:
        self.forwarded_to = body
        self._answer(answer=answer, actor=actor, at=at)
        self.rights_notice = ""

    @transition(field=status, source=S.IN_REVIEW, target=S.REFUSAL_PENDING_EXPLANATION)
    def propose_refusal(self, *, answer: str, actor: User, at: datetime) -> None:
        self.answer = answer
        self.refusal_proposed_at = at
        self.refusal_proposed_by = actor
        self.explanation_due_at = self.kind.explanation_due_from(at)

    @transition(field=status, source=S.REFUSAL_PENDING_EXPLANATION, target=S.REFUSED)
    def record_explanation(self, *, explanation: ComplaintExplanation) -> None:
        if not isinstance(explanation, ComplaintExplanation) or explanation.pk is None:
            raise ValidationError(_("A refusal becomes final only with the record of the personal explanation."))
        if not explanation.recorded_by.is_senior_prosecutor:
            raise ValidationError(_("Only a senior prosecutor records a personal explanation."))
        self.explanation = explanation
        self._answer(answer=self.answer, actor=explanation.recorded_by, at=explanation.recorded_at)

    @transition(
        field=status,
        source=list(OPEN_STATUSES),
        target=None,
        conditions=[_has_no_extension],  # type: ignore[list-item]
    )
    def extend(self, *, until: datetime, reason: str, actor: User, at: datetime) -> None:
        limit = self.kind.extension_limit_from(self.received_at)
        if until <= self.due_at:
            raise ValidationError({"until": _("The extended term must end after the current term.")})
        if until > limit:
            raise ValidationError(
                {"until": _("The term may be extended to %(limit)s at most.") % {"limit": f"{limit:%Y-%m-%d}"}}
            )
        self.extended_until = self.due_at = until
        self.extension_reason = reason
        self.extended_at = at
        self.extended_by = actor

    @transition(
        field=status,
        source=list(APPEALABLE_STATUSES),
        target=None,
        conditions=[_has_no_appeal],  # type: ignore[list-item]
    )
    def appeal(self) -> None:
        """Validates that this outcome may be appealed; the service opens the new, linked complaint."""
