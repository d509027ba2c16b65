"""The configurable terms of each decision kind (a model of approvals.models, kept in its own module)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecase.terms.choices import TermUnit
from ecase.terms.term import Term

from .choices import DecisionKind


class DecisionKindTerm(models.Model):
    """The configurable terms of a decision kind (legal.md marks them (C)), with their article. Seeded from
    approvals.kinds; edited through ecase.services.config (audited, open deadlines recomputed)."""

    kind = models.CharField(_("kind"), max_length=32, choices=DecisionKind.choices, unique=True)
    term_amount = models.PositiveIntegerField(
        _("prosecutor's term"), help_text=_("Counted from submission: hours in real time, days by the day rules.")
    )
    term_unit = models.CharField(_("prosecutor's term unit"), max_length=16, choices=TermUnit.choices)
    court_term_amount = models.PositiveIntegerField(
        _("court's term"),
        null=True,
        blank=True,
        help_text=_("For kinds that need a court sanction: counted from detention, or from filing with the court."),
    )
    court_term_unit = models.CharField(
        _("court's term unit"), max_length=16, choices=TermUnit.choices, blank=True, default=TermUnit.HOURS
    )
    article = models.CharField(_("article"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("decision kind term")
        verbose_name_plural = _("decision kind terms")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.term_amount} {self.get_term_unit_display()}"

    def term(self) -> Term:
        return Term(self.term_amount, self.term_unit, article=self.article, start_event="submission")

    def court_term(self) -> Term | None:
        if self.court_term_amount is None:
            return None
        # The court's term runs from detention: a limit of liberty, it never moves off a non-working day.
        return Term(
            self.court_term_amount,
            self.court_term_unit or TermUnit.HOURS,
            article=self.article,
            moves_off_non_working=False,
        )
