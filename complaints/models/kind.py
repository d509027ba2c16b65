"""The configurable table of complaint kinds, seeded from complaints.kinds.DEFAULT_KINDS."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.choices import TermUnit
from complaints.kinds import EXPLANATION_BASIS, FORWARDING_BASIS, appeal_term
from ecase.terms.engine import end_moment
from ecase.terms.term import Term


class ComplaintKind(models.Model):
    """A kind of complaint: its answer term, its extension limit and their legal basis.

    Terms marked "not confirmed" in legal.md are defaults here; an administrator corrects them in the
    admin and every complaint registered afterwards uses the new value.
    """

    code = models.SlugField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    basis_verified = models.BooleanField(
        _("checked against the published law"),
        default=False,
        help_text=_("Unchecked: the term is a configurable default that still needs legal confirmation."),
    )
    term_value = models.PositiveSmallIntegerField(_("answer term"))
    term_unit = models.CharField(_("term unit"), max_length=16, choices=TermUnit.choices)
    extension_limit_value = models.PositiveSmallIntegerField(
        _("extended term at most"), help_text=_("Counted from receipt, like the answer term.")
    )
    extension_limit_unit = models.CharField(_("extended term unit"), max_length=16, choices=TermUnit.choices)
    extension_basis = models.CharField(_("legal basis of the extension"), max_length=255, blank=True)
    forwarding_term_working_days = models.PositiveSmallIntegerField(
        _("forwarding term (working days)"),
        default=3,
        help_text=_("A complaint for another body is forwarded within this many working days of receipt."),
    )
    explanation_term_working_days = models.PositiveSmallIntegerField(
        _("explanation term (working days)"),
        default=5,
        help_text=_("A proposed refusal is explained to the complainant personally within this term."),
    )
    forwarding_basis = models.CharField(
        _("legal basis of the forwarding term"), max_length=255, default=FORWARDING_BASIS
    )
    explanation_basis = models.CharField(
        _("legal basis of the explanation term"), max_length=255, default=EXPLANATION_BASIS
    )
    rights_notice = models.TextField(
        _("notice of appeal rights"), blank=True, help_text=_("Shown to the complainant with the answer.")
    )
    is_active = models.BooleanField(_("may be filed"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("complaint kind")
        verbose_name_plural = _("complaint kinds")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_value__gt=0), name="complaint_kind_term_positive"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        # Titles are seeded in English and translated through the catalogue when one exists.
        return gettext(self.title)

    @property
    def display_notice(self) -> str:
        return gettext(self.rights_notice) if self.rights_notice else ""

    # The kind's terms as engine Terms (ecase.terms); every due date of a complaint is computed from these.
    def answer_term(self) -> Term:
        return appeal_term(self.term_value, self.term_unit, article=self.legal_basis)

    def extension_cap(self) -> Term:
        return appeal_term(
            self.extension_limit_value,
            self.extension_limit_unit,
            article=self.extension_basis,
            moves_off_non_working=False,
        )

    def forwarding_term(self) -> Term:
        return appeal_term(self.forwarding_term_working_days, TermUnit.WORKING_DAYS, article=self.forwarding_basis)

    def explanation_term(self) -> Term:
        term = appeal_term(self.explanation_term_working_days, TermUnit.WORKING_DAYS, article=self.explanation_basis)
        return Term(term.amount, term.unit, article=term.article, start_event="the proposed refusal")

    def due_from(self, received_at: datetime) -> datetime:
        return end_moment(self.answer_term(), received_at)

    def extension_limit_from(self, received_at: datetime) -> datetime:
        return end_moment(self.extension_cap(), received_at)

    def forwarding_due_from(self, received_at: datetime) -> datetime:
        return end_moment(self.forwarding_term(), received_at)

    def explanation_due_from(self, proposed_at: datetime) -> datetime:
        return end_moment(self.explanation_term(), proposed_at)
