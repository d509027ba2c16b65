"""Where each stage of a clock begins and ends.

For an item with deadline D, at time ``now``:

- due soon: ``now < D <= due_soon_cutoff`` — the deadline falls within the lead time. In hours: ``now + h``.
  In working days: the end of the n-th working day after today (so on a Friday before a long holiday, items
  due on the first working day after it are already "due soon").
- due: ``escalation_cutoff < D <= now`` — the deadline has passed, not yet long enough to escalate.
- overdue (escalated): ``now - lookback < D <= escalation_cutoff``. In hours: ``now - h``. In working days:
  escalated once n full working days have passed after the deadline's own day (a deadline on Friday with a
  1-working-day threshold escalates when Monday is over, or later if Monday is a holiday).

The windows are disjoint, so one scan records at most one stage per item; a stage missed while the item
was in it (e.g. the scanner was down) is not sent late. Items overdue by more than the lookback are never
read, so the scan's cost does not grow with old overdue items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ecase.deadlines import DeadlineSource, Period
from ecase.models import NoticeStage
from ecase.terms.choices import TermUnit
from ecase.terms.engine import Term, end_moment
from ecase.terms.workdays import end_of_day, subtract_working_days


@dataclass(frozen=True)
class StageWindow:
    stage: NoticeStage
    after: datetime  # exclusive
    until: datetime  # inclusive
    lead: Period | None = None  # the lead time of a "due soon" window of a source with several


def due_soon_cutoff(now: datetime, period: Period) -> datetime:
    if period.amount == 0:
        return now
    if period.unit == "hours":
        return now + timedelta(hours=period.amount)
    # The end of the n-th working day after today (the terms engine's working-day rule).
    return end_moment(Term(period.amount, TermUnit.WORKING_DAYS), now)


def escalation_cutoff(now: datetime, period: Period) -> datetime:
    if period.amount == 0:
        return now
    if period.unit == "hours":
        return now - timedelta(hours=period.amount)
    # The n-th working day before today must have fully passed after the deadline's day.
    nth_before = subtract_working_days(timezone.localdate(now), period.amount)
    return end_of_day(nth_before - timedelta(days=1))


def default_due_soon() -> Period:
    return Period.parse(settings.DEADLINE_DUE_SOON)


def default_escalate_after() -> Period:
    return Period.parse(settings.DEADLINE_ESCALATE_AFTER)


class WindowCalculator:
    """Computes the windows of one scan instant, each distinct period once (working days read the calendar)."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.floor = now - timedelta(days=settings.DEADLINE_SCAN_LOOKBACK_DAYS)
        self._soon: dict[Period, datetime] = {}
        self._escalation: dict[Period, datetime] = {}

    def _soon_cutoff(self, lead: Period) -> datetime:
        if lead not in self._soon:
            self._soon[lead] = due_soon_cutoff(self.now, lead)
        return self._soon[lead]

    def for_source(self, source: DeadlineSource) -> list[StageWindow]:
        threshold = source.escalate_after if source.escalate_after is not None else default_escalate_after()
        if threshold not in self._escalation:
            self._escalation[threshold] = escalation_cutoff(self.now, threshold)
        escalate = self._escalation[threshold]
        windows = []
        if source.lead_times:
            # One window per lead time, between it and the next shorter one: disjoint, nearest one wins.
            after = self.now
            for lead in sorted(source.lead_times, key=self._soon_cutoff):
                until = self._soon_cutoff(lead)
                if until > after:
                    windows.append(StageWindow(NoticeStage.DUE_SOON, after, until, lead))
                    after = until
        else:
            soon = self._soon_cutoff(source.due_soon or default_due_soon())
            if soon > self.now:
                windows.append(StageWindow(NoticeStage.DUE_SOON, self.now, soon))
        if escalate < self.now:
            windows.append(StageWindow(NoticeStage.DUE, escalate, self.now))
        if escalate > self.floor:
            windows.append(StageWindow(NoticeStage.OVERDUE, self.floor, escalate))
        return windows
