"""Kinds of complaint with their terms and legal basis: the one table in code.

The table seeds the ComplaintKind model (data migration 0002 and `kinds_ensure()`); from then on the
rows are data, editable in the admin, because several values are not confirmed against the published
text of the law (legal.md marks them C) and must be adjustable without a deploy. Every term used
anywhere in the app is read from a ComplaintKind row, never from an `if`.

Terms (legal.md, "Complaints and appeals"):

| code          | term                       | extension (once, from receipt) | basis                        |
|---------------|----------------------------|--------------------------------|------------------------------|
| procedural    | 3 calendar days (C)        | up to 10 calendar days (C)     | CPC Art. 105 (C)             |
| general       | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| probation     | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| penitentiary  | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |
| other         | 15 working days (V)        | up to 2 months (V)             | APPK Art. 76 (V)             |

For every kind: forwarding to the competent body within 3 working days of receipt (APPK, V); the
personal explanation of a refusal within 5 working days after the refusal is proposed (C), and it
counts toward the complaint's overall term (the refusal is final, i.e. answered, only when the
explanation is recorded).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop

from complaints.choices import TermUnit
from ecase.terms.workdays import add_working_days, end_of_day, working_days_deadline

FORWARDING_TERM_WORKING_DAYS = 3  # APPK (V): a non-competent body forwards within 3 working days
EXPLANATION_TERM_WORKING_DAYS = 5  # product rule (C): explanation within 5 working days of the proposal

_NOTICE_PROCEDURAL = gettext_noop(
    "You may appeal this answer to the higher prosecutor or to the investigating judge (CPC Art. 106). "
    "Filing a complaint does not suspend the contested action or decision."
)
_NOTICE_GENERAL = gettext_noop(
    "You may appeal this answer to the higher prosecutor's office or to the court under the "
    "Administrative Procedural and Process Code."
)


@dataclass(frozen=True)
class KindSpec:
    code: str
    title: str
    legal_basis: str
    basis_verified: bool
    term_value: int
    term_unit: str
    extension_limit_value: int
    extension_limit_unit: str
    extension_basis: str
    rights_notice: str
    order: int
    forwarding_term_working_days: int = FORWARDING_TERM_WORKING_DAYS
    explanation_term_working_days: int = EXPLANATION_TERM_WORKING_DAYS


_APPK = "APPK Art. 76"
_APPK_EXTENSION = "APPK Art. 76: once, with reasons, by the head or deputy, to at most 2 months from receipt"

DEFAULT_KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        code="procedural",
        title=gettext_noop("Against a procedural action or decision in a case"),
        legal_basis="CPC Art. 105",
        basis_verified=False,
        term_value=3,
        term_unit=TermUnit.CALENDAR_DAYS,
        extension_limit_value=10,
        extension_limit_unit=TermUnit.CALENDAR_DAYS,
        extension_basis="CPC Art. 105: up to 10 days when materials must be requested",
        rights_notice=_NOTICE_PROCEDURAL,
        order=10,
    ),
    KindSpec(
        code="general",
        title=gettext_noop("General appeal to the prosecutor's office"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=20,
    ),
    KindSpec(
        code="probation",
        title=gettext_noop("Probation"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=30,
    ),
    KindSpec(
        code="penitentiary",
        title=gettext_noop("Penitentiary (places of detention)"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=40,
    ),
    KindSpec(
        code="other",
        title=gettext_noop("Other appeal"),
        legal_basis=_APPK,
        basis_verified=True,
        term_value=15,
        term_unit=TermUnit.WORKING_DAYS,
        extension_limit_value=2,
        extension_limit_unit=TermUnit.MONTHS,
        extension_basis=_APPK_EXTENSION,
        rights_notice=_NOTICE_GENERAL,
        order=50,
    ),
)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: datetime, value: int, unit: str) -> datetime:
    """End of a term of `value` units counted from `start` (from the day after it).

    Working days skip weekends, Kazakh public holidays and the calendar exceptions table (ecase.terms.workdays).
    A term in calendar days or months that ends on a day off is carried to the next working day (the
    general rule for procedural terms). Every term ends at the end of its last day in Asia/Almaty.
    """
    if unit == TermUnit.WORKING_DAYS:
        return working_days_deadline(start, value)
    local_day = timezone.localtime(start).date()
    if unit == TermUnit.CALENDAR_DAYS:
        last = local_day + timedelta(days=value)
    elif unit == TermUnit.MONTHS:
        last = add_months(local_day, value)
    else:
        raise ValueError(f"unknown term unit {unit!r}")
    # A term counted in days or months that ends on a day off ends on the next working day.
    return end_of_day(add_working_days(last - timedelta(days=1), 1))
