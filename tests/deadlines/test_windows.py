"""Where the stages begin and end: periods, cutoffs in hours and in Kazakh working days."""

from datetime import date

import pytest

from ecase.deadlines import Period
from ecase.models import CalendarException, NoticeStage
from ecase.reminders.windows import WindowCalculator, due_soon_cutoff, escalation_cutoff
from ecase.terms.workdays import end_of_day, subtract_working_days

from .conftest import almaty

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", Period.hours(24)),
        ("2wd", Period.working_days(2)),
        (" 0h ", Period.hours(0)),
        ("10 wd", Period(10, "working_days")),
    ],
)
def test_period_parse(text, expected):
    assert Period.parse(text) == expected
    assert Period.parse(str(expected)) == expected


@pytest.mark.parametrize("text", ["", "24", "h", "-1h", "2d", "1.5h", "wd2"])
def test_period_parse_rejects(text):
    with pytest.raises(ValueError, match="not a period"):
        Period.parse(text)


def test_period_cannot_be_negative():
    with pytest.raises(ValueError, match="negative"):
        Period.hours(-1)


def test_subtract_working_days_skips_nauryz_and_weekend():
    # Thu 26 March 2026: the working day before it is Fri 20 March (21-25 March are Nauryz days off).
    assert subtract_working_days(date(2026, 3, 26), 1) == date(2026, 3, 20)
    assert subtract_working_days(date(2026, 3, 26), 2) == date(2026, 3, 19)
    assert subtract_working_days(date(2026, 3, 26), 0) == date(2026, 3, 26)
    with pytest.raises(ValueError):
        subtract_working_days(date(2026, 3, 26), -1)


def test_subtract_working_days_across_new_year():
    # Mon 5 Jan 2027: 1-2 Jan are holidays, 2 Jan (Sat) moves to Mon 4 Jan; 3 Jan is Sunday -> Thu 31 Dec 2026.
    assert subtract_working_days(date(2027, 1, 5), 1) == date(2026, 12, 31)


def test_subtract_working_days_honours_calendar_exceptions():
    CalendarException.objects.create(date=date(2026, 11, 28), kind=CalendarException.Kind.WORKING_DAY)
    CalendarException.objects.create(date=date(2026, 11, 27), kind=CalendarException.Kind.DAY_OFF)
    # Mon 30 Nov: the working day before is the working Saturday 28th; Friday 27th is a transferred day off.
    assert subtract_working_days(date(2026, 11, 30), 1) == date(2026, 11, 28)
    assert subtract_working_days(date(2026, 11, 30), 2) == date(2026, 11, 26)


def test_due_soon_cutoff_in_hours_and_working_days():
    now = almaty(2026, 3, 20, 10, 0)  # Friday before the Nauryz days off
    assert due_soon_cutoff(now, Period.hours(6)) == almaty(2026, 3, 20, 16, 0)
    assert due_soon_cutoff(now, Period.hours(0)) == now
    # One working day ahead of Friday 20 March is Thursday 26 March: everything due by its end is "due soon".
    assert due_soon_cutoff(now, Period.working_days(1)) == end_of_day(date(2026, 3, 26))


def test_escalation_cutoff_in_hours_and_working_days():
    now = almaty(2026, 12, 1, 9, 0)  # Tuesday
    assert escalation_cutoff(now, Period.hours(12)) == almaty(2026, 11, 30, 21, 0)
    assert escalation_cutoff(now, Period.hours(0)) == now
    # One working day must have fully passed after the deadline's day: Monday 30 Nov has, so deadlines up to the
    # end of Sunday 29 Nov (i.e. Friday's) are escalated; Monday's are not yet.
    assert escalation_cutoff(now, Period.working_days(1)) == end_of_day(date(2026, 11, 29))


def test_windows_are_disjoint_and_bounded(settings):
    settings.DEADLINE_DUE_SOON = "1wd"
    settings.DEADLINE_ESCALATE_AFTER = "2h"
    settings.DEADLINE_SCAN_LOOKBACK_DAYS = 10
    now = almaty(2026, 11, 25, 12, 0)

    class Source:
        due_soon = None
        escalate_after = None
        lead_times = ()

    windows = {w.stage: w for w in WindowCalculator(now).for_source(Source())}  # type: ignore[arg-type]
    assert windows[NoticeStage.DUE_SOON].after == now
    assert windows[NoticeStage.DUE_SOON].until == end_of_day(date(2026, 11, 26))
    assert (windows[NoticeStage.DUE].after, windows[NoticeStage.DUE].until) == (almaty(2026, 11, 25, 10, 0), now)
    assert windows[NoticeStage.OVERDUE].until == almaty(2026, 11, 25, 10, 0)
    assert windows[NoticeStage.OVERDUE].after == almaty(2026, 11, 15, 12, 0)


def test_zero_lead_disables_due_soon_and_zero_threshold_escalates_at_once(settings):
    settings.DEADLINE_DUE_SOON = "0h"
    settings.DEADLINE_ESCALATE_AFTER = "0h"
    now = almaty(2026, 11, 25, 12, 0)

    class Source:
        due_soon = None
        escalate_after = None
        lead_times = ()

    stages = [w.stage for w in WindowCalculator(now).for_source(Source())]  # type: ignore[arg-type]
    assert stages == [NoticeStage.OVERDUE]
