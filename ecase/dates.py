"""Date and date-time inputs in the interface's one format (ecase/formats): text inputs showing
dd.mm.yyyy / dd.mm.yyyy HH:MM (never the browser's own mm/dd/yyyy picker), and fields whose error names
the expected format. ISO 8601 is accepted too, so API-style values and older clients still work."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# What the inputs accept (the language's format or ISO); the server parses, the pattern only hints early.
DATE_PATTERN = r"\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})\s*"
DATETIME_PATTERN = r"\s*(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})([ T]\d{1,2}:\d{2}(:\d{2})?)?\s*"

# The format as a reader types it, in the reader's language.
DATE_HINT = _("dd.mm.yyyy")
DATETIME_HINT = _("dd.mm.yyyy hh:mm")


class DateInput(forms.DateInput):
    """A text input with the value as dd.mm.yyyy, the format as placeholder and an input pattern."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": DATE_HINT, "pattern": DATE_PATTERN, "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**base, "size": 10, **(attrs or {})}, format=None)  # the language's first input format


class DateTimeInput(forms.DateTimeInput):
    """A text input with the value as dd.mm.yyyy hh:mm, the format as placeholder and an input pattern."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": DATETIME_HINT, "pattern": DATETIME_PATTERN, "autocomplete": "off"}
        super().__init__({**base, "size": 16, **(attrs or {})}, format=None)


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy (or YYYY-MM-DD), for example 31.12.2026."),
    }


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    default_error_messages = {
        "invalid": _("Enter the date and time as dd.mm.yyyy hh:mm (or ISO 8601), for example 31.12.2026 14:30."),
    }


def format_moment(moment: datetime) -> str:
    """A moment in messages built in Python, as the pages show it: dd.mm.yyyy HH:MM, Almaty time."""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def format_day(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")
