"""The terms engine: the one place where the end of a procedural term is computed.

Public API (stable; other modules import only these names):

- ``TermUnit`` (ecase.terms.choices): ``hours``, ``days``, ``working_days``, ``months``.
- ``Term(amount, unit, article="", start_event="", moves_off_non_working=True, starts_on_working_day=False)``:
  a term as data. ``moves_off_non_working=False`` for detention, custody, house arrest and every other
  limit of liberty (and for caps such as "at most 2 months from receipt"): their last day never moves.
  ``starts_on_working_day=True`` for appeals (APPK): received on a non-working day, the term counts from
  the next working day, which is its first day.
- ``compute(term, start) -> TermEnd``: the end moment (aware datetime), the local last day, whether the
  last day was moved, and ``skipped``: the days skipped and why (``SkippedDay(day, reason, name)``,
  reason a ``SkipReason``: weekend, holiday, transfer; for an appeal received on a non-working day also the
  days off before its first day).
- ``end_moment(term, start) -> datetime``: ``compute(term, start).end``; ``EndMemo().end(term, start)`` for
  batches (one computation per term and local day).
- ``time_left(end, now) -> timedelta`` (negative once passed) and ``resume(left, at) -> datetime`` (the
  end of a stopped clock that resumes at ``at`` with ``left`` still to run).
- ``add_months(day, months) -> date`` and ``end_of_day(day) -> datetime``.

The rules (CPC, "computing terms"; legal.md):

- hours run in real time from the event and never move (a 48 h detention from Fri 18:30 ends Sun 18:30);
- in days and months the day of the start event is not counted; the term ends at 24:00 ``Asia/Almaty`` of
  its last day. "24:00" is written everywhere as ``end_of_day(day)`` = 23:59:59.999999 of that day;
- in months it ends on the same date of the last month, or on that month's last day (31 Jan + 1 month =
  28/29 Feb);
- when the last day of a term in days or months is a non-working day it moves to the next working day,
  unless the term does not move (liberty terms);
- working days follow the Kazakh calendar (ecase.terms.workdays): weekends, public holidays and the
  calendar table of transfers, which wins over the package. A term in working days starts the day after
  the event and ends at 24:00 of its last working day.
- a term of 0 (any unit) ends at the start moment itself.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from ecase.terms.choices import SkipReason, TermUnit
from ecase.terms.term import Term
from ecase.terms.workdays import calendar_exceptions, day_off_reason, end_of_day

__all__ = [
    "SkipReason",
    "SkippedDay",
    "Term",
    "TermEnd",
    "TermUnit",
    "add_months",
    "compute",
    "EndMemo",
    "end_moment",
    "end_of_day",
    "resume",
    "time_left",
]

# Long runs of days off are at most ~10 days; the calendar table is read once for a window this wide.
_WINDOW_SLACK_DAYS = 60


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str
    name: str = ""

    @property
    def reason_label(self) -> str:
        return str(SkipReason(self.reason).label)


@dataclass(frozen=True)
class TermEnd:
    term: Term
    start: datetime
    end: datetime
    # Local (Asia/Almaty) last day of a term in days, working days or months; None for hours.
    last_day: date | None = None
    # The last day before moving off non-working days (equal to last_day when nothing moved).
    nominal_last_day: date | None = None
    skipped: tuple[SkippedDay, ...] = field(default=())

    @property
    def moved(self) -> bool:
        return self.last_day != self.nominal_last_day


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def time_left(end: datetime, now: datetime) -> timedelta:
    """What remains of a term at `now` (negative once it has passed)."""
    return end - now


def resume(left: timedelta, at: datetime) -> datetime:
    """The new end of a stopped clock that resumes at `at` with `left` still to run (real time)."""
    return at + max(left, timedelta(0))


def end_moment(term: Term, start: datetime) -> datetime:
    return compute(term, start).end


def compute(term: Term, start: datetime) -> TermEnd:
    """The end of `term` counted from the event at `start` (an aware datetime), with the days skipped."""
    if term.amount == 0:
        return TermEnd(term=term, start=start, end=start)
    if term.unit == TermUnit.HOURS:
        return TermEnd(term=term, start=start, end=start + timedelta(hours=term.amount))
    start_day = timezone.localtime(start).date()
    reach = term.amount * (31 if term.unit == TermUnit.MONTHS else 3)
    window_end = start_day + timedelta(days=reach + _WINDOW_SLACK_DAYS)
    exceptions = calendar_exceptions(start_day, window_end)
    before: list[SkippedDay] = []
    if term.starts_on_working_day:
        start_day, before = _first_day_on_working_day(start_day, exceptions)
    if term.unit == TermUnit.WORKING_DAYS:
        return _working_days(term, start, start_day, exceptions, window_end, before)
    if term.unit == TermUnit.DAYS:
        nominal = start_day + timedelta(days=term.amount)
    else:
        nominal = add_months(start_day, term.amount)
    last = nominal
    skipped: list[SkippedDay] = list(before)
    if term.moves_off_non_working:
        exceptions.update(calendar_exceptions(nominal, nominal + timedelta(days=_WINDOW_SLACK_DAYS)))
        while (why := day_off_reason(last, exceptions)) is not None:
            skipped.append(SkippedDay(last, *why))
            last += timedelta(days=1)
    return TermEnd(
        term=term, start=start, end=end_of_day(last), last_day=last, nominal_last_day=nominal, skipped=tuple(skipped)
    )


class EndMemo:
    """End moments for many starts at once (seeders, recalculation). A term counted in days, working days
    or months ends at a moment that depends only on the local day of its start, so each (term, day) is
    computed once; hours are computed directly. Use one memo per batch: it does not see later calendar edits."""

    def __init__(self) -> None:
        self._ends: dict[tuple[Term, date], datetime] = {}
        self._values: dict[Any, Any] = {}

    def cached(self, key: Any, load: Callable[[], Any]) -> Any:
        """A value read once per batch (e.g. the term of a kind from its configuration table)."""
        if key not in self._values:
            self._values[key] = load()
        return self._values[key]

    def end(self, term: Term, start: datetime) -> datetime:
        if term.unit == TermUnit.HOURS or term.amount == 0:
            return compute(term, start).end
        key = (term, timezone.localtime(start).date())
        if key not in self._ends:
            self._ends[key] = compute(term, start).end
        return self._ends[key]


def _first_day_on_working_day(day: date, exceptions: dict[date, str]) -> tuple[date, list[SkippedDay]]:
    """For a start on a non-working day: the day before the next working day (so that working day is the
    term's first day), and the non-working days passed over after the start day."""
    if day_off_reason(day, exceptions) is None:
        return day, []
    skipped = []
    while (why := day_off_reason(day + timedelta(days=1), exceptions)) is not None:
        day += timedelta(days=1)
        skipped.append(SkippedDay(day, *why))
    return day, skipped


def _working_days(
    term: Term,
    start: datetime,
    start_day: date,
    exceptions: dict[date, str],
    window_end: date,
    before: list[SkippedDay],
) -> TermEnd:
    day = start_day
    counted = 0
    skipped: list[SkippedDay] = list(before)
    while counted < term.amount:
        day += timedelta(days=1)
        if day > window_end:
            window_end = day + timedelta(days=_WINDOW_SLACK_DAYS)
            exceptions.update(calendar_exceptions(day, window_end))
        why = day_off_reason(day, exceptions)
        if why is None:
            counted += 1
        else:
            skipped.append(SkippedDay(day, *why))
    return TermEnd(
        term=term, start=start, end=end_of_day(day), last_day=day, nominal_last_day=day, skipped=tuple(skipped)
    )
