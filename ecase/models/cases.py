"""The register of criminal cases: cases, persons and participants, documents, investigative actions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ecase.choices import (
    ActionKind,
    ActionReview,
    CaseCategory,
    CaseStatus,
    OrganisationKind,
    ParticipantRole,
    Severity,
)
from ecase.legal_refs import format_reference
from ecase.terms import engine as terms
from ecase.validators import validate_iin

from .organisations import Organisation


class RegisterCounter(models.Model):
    """Last register number issued per (year, region). Incremented under a row lock; never goes back."""

    scope = models.CharField(max_length=32, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")

    def __str__(self) -> str:
        return f"{self.scope}: {self.value}"


class TerminationGround(models.Model):
    """A ground for terminating a case (CPC Art. 35 p.1, Art. 36). Whether it rehabilitates is data."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    article = models.CharField(_("article"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    is_rehabilitating = models.BooleanField(_("rehabilitating"), default=False)

    class Meta:
        verbose_name = _("termination ground")
        verbose_name_plural = _("termination grounds")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{format_reference(self.article)}: {self.title}"


class SuspensionGround(models.Model):
    """A ground for suspending the pre-trial investigation (CPC Art. 45 p.7, Art. 50). Editable data."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    article = models.CharField(_("article"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    is_active = models.BooleanField(_("in use"), default=True, help_text=_("Inactive grounds cannot be chosen."))

    class Meta:
        verbose_name = _("suspension ground")
        verbose_name_plural = _("suspension grounds")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{format_reference(self.article)}: {self.title}"


class Case(ConcurrentTransitionMixin, models.Model):
    """A criminal case in the register. Its status moves only through approved procedural decisions."""

    number = models.CharField(_("register number"), max_length=32, unique=True, editable=False)
    investigation_body = models.ForeignKey(
        Organisation,
        verbose_name=_("investigation body"),
        on_delete=models.PROTECT,
        related_name="cases",
        limit_choices_to={"kind": OrganisationKind.INVESTIGATION_BODY},
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("investigator"), on_delete=models.PROTECT, related_name="cases"
    )
    supervising_office = models.ForeignKey(
        Organisation,
        verbose_name=_("supervising office"),
        on_delete=models.PROTECT,
        related_name="supervised_cases",
        editable=False,
    )
    qualification = models.CharField(
        _("qualification"), max_length=64, help_text=_("Criminal Code article, e.g. 188 p.2")
    )
    category = models.CharField(_("category"), max_length=32, choices=CaseCategory.choices)
    severity = models.CharField(_("severity"), max_length=32, choices=Severity.choices)
    summary = models.TextField(_("summary"))
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    term_expires_at = models.DateTimeField(_("investigation term expires"), db_index=True)
    status = FSMField(
        _("status"), max_length=32, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING, protected=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    termination_ground = models.ForeignKey(
        TerminationGround, verbose_name=_("termination ground"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Fixed when the termination takes effect (the ground table may change later; statistics read this).
    termination_rehabilitating = models.BooleanField(_("terminated on a rehabilitating ground"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_ground = models.ForeignKey(
        SuspensionGround, verbose_name=_("suspension ground"), null=True, blank=True, on_delete=models.PROTECT
    )
    term_left_at_suspension = models.DurationField(_("investigation term left at suspension"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["supervising_office", "status"], name="case_office_status"),
            # Visibility by office subtree: an index-only list of an office's case ids (counts, joins).
            models.Index(fields=["supervising_office", "id"], name="case_office_id"),
            models.Index(fields=["investigation_body", "status"], name="case_body_status"),
            models.Index(fields=["status", "term_expires_at"], name="case_status_term"),
        ]

    def __str__(self) -> str:
        return self.number

    # Transitions change only this row's fields; services lock, save, audit.
    @transition(field=status, source=CaseStatus.INVESTIGATING, target=CaseStatus.SUSPENDED)
    def suspend(self, *, ground: SuspensionGround | None = None) -> None:
        # The investigation term stops: the time left is kept and runs again from the resumption.
        self.suspended_at = timezone.now()
        self.status_changed_at = self.suspended_at
        self.suspension_ground = ground
        self.term_left_at_suspension = max(terms.time_left(self.term_expires_at, self.suspended_at), timedelta(0))

    @transition(field=status, source=CaseStatus.SUSPENDED, target=CaseStatus.INVESTIGATING)
    def resume(self, *, term_expires_at: datetime | None = None) -> None:
        """`term_expires_at`: the new end, computed by the caller from the time left (else now + time left)."""
        now = timezone.now()
        if term_expires_at is None and self.term_left_at_suspension is not None:
            term_expires_at = terms.resume(self.term_left_at_suspension, now)
        if term_expires_at is not None:
            self.term_expires_at = term_expires_at
        self.suspended_at = None
        self.term_left_at_suspension = None
        self.status_changed_at = now

    @transition(field=status, source=CaseStatus.INVESTIGATING, target=CaseStatus.TERMINATED)
    def terminate(self, *, ground: TerminationGround, rehabilitating: bool | None = None) -> None:
        self.termination_ground = ground
        self.termination_rehabilitating = ground.is_rehabilitating if rehabilitating is None else rehabilitating
        self.status_changed_at = timezone.now()

    @transition(field=status, source=CaseStatus.TERMINATED, target=CaseStatus.INVESTIGATING)
    def cancel_termination(self) -> None:
        self.termination_ground = None
        self.termination_rehabilitating = None
        self.status_changed_at = timezone.now()

    @transition(field=status, source=CaseStatus.INVESTIGATING, target=CaseStatus.SENT_TO_COURT)
    def send_to_court(self) -> None:
        self.status_changed_at = timezone.now()

    @transition(field=status, source=[CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED], target=CaseStatus.MERGED)
    def merge_into(self, *, main_case: Case) -> None:
        self.merged_into = main_case
        self.status_changed_at = timezone.now()


class Person(models.Model):
    """A natural person who takes part in cases (identified by IIN where they have one)."""

    full_name = models.CharField(_("full name"), max_length=255)
    iin = models.CharField(_("IIN"), max_length=12, unique=True, null=True, blank=True, validators=[validate_iin])
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name


class Participant(models.Model):
    """A person in a procedural role in a case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("role"), max_length=32, choices=ParticipantRole.choices)
    qualification = models.CharField(
        _("qualification of the act"), max_length=64, blank=True, help_text=_("For a suspect.")
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["case", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="participant_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


def document_upload_to(instance: Document, filename: str) -> str:
    # Files are stored under their hash, not the client's name; the name is kept in the row.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    """An uploaded file. Decisions and complaints link documents from their own apps."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class InvestigativeAction(models.Model):
    """An investigative action. A rights-restricting one without an approved basis awaits prosecutor review."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(_("kind"), max_length=32, choices=ActionKind.choices)
    restricts_rights = models.BooleanField(_("restricts rights"), editable=False)
    performed_at = models.DateTimeField(_("performed at"))
    performed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"))
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("The approved decision or court sanction the action rests on."),
    )
    basis_reference = models.CharField(
        _("basis reference"),
        max_length=64,
        blank=True,
        help_text=_("Identifier of the approved decision or sanction, recorded by the approvals service."),
    )
    review = models.CharField(_("review"), max_length=32, choices=ActionReview.choices, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("investigative action")
        verbose_name_plural = _("investigative actions")
        ordering = ["-performed_at", "-id"]
        indexes = [models.Index(fields=["review"], name="action_review")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.performed_at:%Y-%m-%d})"
