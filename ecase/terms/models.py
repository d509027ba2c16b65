"""The configuration tables of statutory terms (models in the ``ecase`` app label, imported by ecase.models).

- CalendarException: the Government's transfers of days off and working days; wins over the holidays package.
- TermRule: a term owned by the case register itself (detention, the suspect's notice, ...), as data.
- InvestigationTerm and InvestigationExtension: the pre-trial investigation term per case category and
  its extension chain (who may extend it up to how long from registration).

Every row carries the article it comes from and whether it was checked against the published law; every
edit goes through ecase.terms.services (the admin too), which audits it and recomputes open deadlines.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseCategory
from ecase.terms.choices import ExtensionAuthority, TermUnit
from ecase.terms.term import Term


class CalendarException(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Extra day off (transferred)")
        WORKING_DAY = "working_day", _("Extra working day (e.g. a working Saturday)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("e.g. the government decree"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where the row comes from: the decree and its address.")
    )

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_kind_display()}"


class _TermFields(models.Model):
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=TermUnit.choices)
    article = models.CharField(_("article"), max_length=255)
    verified = models.BooleanField(
        _("checked against the published law"),
        default=False,
        help_text=_("Unchecked: a configurable default that still needs legal confirmation."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        abstract = True


class TermRule(_TermFields):
    """A statutory term of the case register (e.g. detention: 48 hours, never moves)."""

    code = models.SlugField(_("code"), max_length=48, unique=True)
    title = models.CharField(_("title"), max_length=255)
    start_event = models.CharField(_("counted from"), max_length=255, blank=True)
    moves_off_non_working = models.BooleanField(
        _("moves off a non-working day"),
        default=True,
        help_text=_("Off for detention, custody, house arrest and other limits of liberty: they never move."),
    )
    starts_on_working_day = models.BooleanField(
        _("counts from the next working day"),
        default=False,
        help_text=_("On for appeals: received on a non-working day, the term counts from the next working day."),
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount} {self.get_unit_display()}"

    @property
    def display_title(self) -> str:
        return gettext(self.title)

    def as_term(self) -> Term:
        return Term(
            self.amount,
            self.unit,
            article=self.article,
            start_event=self.start_event,
            moves_off_non_working=self.moves_off_non_working,
            starts_on_working_day=self.starts_on_working_day,
        )


class InvestigationTerm(_TermFields):
    """The pre-trial investigation term of a case category, counted from registration."""

    category = models.CharField(_("category"), max_length=32, choices=CaseCategory.choices, unique=True)

    class Meta:
        verbose_name = _("investigation term")
        verbose_name_plural = _("investigation terms")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount} {self.get_unit_display()}"

    def as_term(self) -> Term:
        return Term(self.amount, self.unit, article=self.article, start_event="registration")


class InvestigationExtension(_TermFields):
    """One link of the extension chain: who may extend the investigation term, up to how long from
    registration (amount and unit are the longest total term that authority may set)."""

    investigation_term = models.ForeignKey(
        InvestigationTerm, verbose_name=_("investigation term"), on_delete=models.CASCADE, related_name="extensions"
    )
    authority = models.CharField(_("who may extend"), max_length=32, choices=ExtensionAuthority.choices)

    class Meta:
        verbose_name = _("investigation term extension")
        verbose_name_plural = _("investigation term extensions")
        ordering = ["investigation_term", "authority"]
        constraints = [
            models.UniqueConstraint(fields=["investigation_term", "authority"], name="investigation_extension_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_authority_display()}: {self.amount} {self.get_unit_display()}"

    def as_term(self) -> Term:
        return Term(self.amount, self.unit, article=self.article, start_event="registration")
