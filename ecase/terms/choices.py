"""Units of a term and the reasons a day is not a working day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class SkipReason(models.TextChoices):
    WEEKEND = "weekend", _("weekend")
    HOLIDAY = "holiday", _("public holiday")
    TRANSFER = "transfer", _("transferred day off")


class ExtensionAuthority(models.TextChoices):
    # In the order of the chain: each may extend further than the one before.
    DISTRICT_PROSECUTOR = "district_prosecutor", _("the supervising district prosecutor")
    REGIONAL_PROSECUTOR = "regional_prosecutor", _("the regional prosecutor")
    GENERAL_PROSECUTOR = "general_prosecutor", _("the General Prosecutor or a deputy")
