"""Government transfers of days off, which change every year and win over the holidays package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
