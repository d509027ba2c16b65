"""Working days in Kazakhstan, in Asia/Almaty.

A day is a working day unless it is a weekend or a public holiday (the `holidays` package, country KZ,
which already moves a holiday that falls on a weekend to the next working day), with the admin-editable
CalendarException table winning over both (transferred days off, working Saturdays).

A term "in working days" starts the day after receipt and ends at the end (23:59:59.999999 local time)
of its last working day. Terms in hours run in real time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

from ecase.terms.choices import SkipReason
from ecase.terms.models import CalendarException


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KZ", years=[year]).items())


def _exceptions(start: date, end: date) -> dict[date, str]:
    return dict(CalendarException.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def _is_working(day: date, exceptions: dict[date, str]) -> bool:
    return day_off_reason(day, exceptions) is None


def day_off_reason(day: date, exceptions: dict[date, str]) -> tuple[SkipReason, str] | None:
    """Why `day` is not a working day (reason and the holiday's name), or None for a working day.

    `exceptions` is the calendar table for a range covering `day` (see `calendar_exceptions`).
    """
    kind = exceptions.get(day)
    if kind == CalendarException.Kind.WORKING_DAY:
        return None
    if kind == CalendarException.Kind.DAY_OFF:
        return SkipReason.TRANSFER, ""
    name = _public_holidays(day.year).get(day)
    if name is not None:
        # The package lists the Government's transfers as "Day off (substituted from DD/MM/YYYY)".
        reason = SkipReason.TRANSFER if "substituted" in name else SkipReason.HOLIDAY
        return reason, name
    if day.weekday() >= 5:
        return SkipReason.WEEKEND, ""
    return None


def calendar_exceptions(start: date, end: date) -> dict[date, str]:
    """The calendar table's rows in [start, end] as {date: kind}, read in one query."""
    return _exceptions(start, end)


def is_working_day(day: date) -> bool:
    return _is_working(day, _exceptions(day, day))


def add_working_days(start: date, days: int) -> date:
    """The date of the `days`-th working day after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    if days == 0:
        return start
    # Long holiday runs are at most ~10 days; a window of 3x + 30 days always suffices, read in one query.
    window_end = start + timedelta(days=days * 3 + 30)
    exceptions = _exceptions(start, window_end)
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day > window_end:
            exceptions.update(_exceptions(day, day + timedelta(days=60)))
            window_end = day + timedelta(days=60)
        if _is_working(day, exceptions):
            counted += 1
    return day


def end_of_day(day: date) -> datetime:
    """The last instant of a local (Asia/Almaty) calendar day, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.max), timezone.get_default_timezone())


def working_days_deadline(received_at: datetime, days: int) -> datetime:
    """Deadline of a term of `days` working days counted from the day after `received_at`."""
    local_day = timezone.localtime(received_at).date()
    return end_of_day(add_working_days(local_day, days))


def working_days_between(start: date, end: date) -> int:
    """Number of working days in (start, end]."""
    if end <= start:
        return 0
    exceptions = _exceptions(start, end)
    return sum(1 for n in range(1, (end - start).days + 1) if _is_working(start + timedelta(days=n), exceptions))


def subtract_working_days(start: date, days: int) -> date:
    """The date of the `days`-th working day before `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    if days == 0:
        return start
    window_start = start - timedelta(days=days * 3 + 30)
    exceptions = _exceptions(window_start, start)
    day = start
    counted = 0
    while counted < days:
        day -= timedelta(days=1)
        if day < window_start:
            exceptions.update(_exceptions(day - timedelta(days=60), day))
            window_start = day - timedelta(days=60)
        if _is_working(day, exceptions):
            counted += 1
    return day


def year_exceptions(year: int) -> list[tuple[date, bool, str, str]]:
    """The days of a year that break the Monday-to-Friday rule, in order: (day, is_working, reason, name) —
    weekdays off (public holidays, transfers) and working Saturdays or Sundays. One query."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    exceptions = _exceptions(first, last)
    rows = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        why = day_off_reason(day, exceptions)
        if why is None and day.weekday() >= 5:
            rows.append((day, True, "", ""))
        elif why is not None and why[0] != SkipReason.WEEKEND and day.weekday() < 5:
            rows.append((day, False, str(why[0]), why[1]))
    return rows
