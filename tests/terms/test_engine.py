"""The terms engine, table-driven: each row is a term, a start moment and the end the law gives."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ecase.models import CalendarException
from ecase.terms.engine import SkippedDay, Term, TermUnit, add_months, compute, end_of_day, resume, time_left

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
H, D, WD, M = TermUnit.HOURS, TermUnit.DAYS, TermUnit.WORKING_DAYS, TermUnit.MONTHS


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=ALMATY)


def eod(y: int, m: int, d: int) -> datetime:
    return end_of_day(date(y, m, d))


LIBERTY = {"moves_off_non_working": False}
APPEAL = {"starts_on_working_day": True}

CASES = [
    # (id, amount, unit, options, start, expected end)
    ("days ending on a Saturday move to Monday", 3, D, {}, at(2026, 4, 15), eod(2026, 4, 20)),
    ("days ending on an ordinary Thursday", 3, D, {}, at(2026, 4, 13), eod(2026, 4, 16)),
    ("days ending on Nauryz move past it", 3, D, {}, at(2026, 3, 20), eod(2026, 3, 26)),
    ("days ending on 22 March 2026 (Sunday, Nauryz)", 2, D, {}, at(2026, 3, 20), eod(2026, 3, 26)),
    ("days across New Year end on the 5th", 3, D, {}, at(2026, 12, 30), eod(2027, 1, 5)),
    ("days ending on the working Sunday 5 Jan 2025 stay", 3, D, {}, at(2025, 1, 2), eod(2025, 1, 5)),
    ("working days across the working Sunday 5 Jan 2025", 2, WD, {}, at(2025, 1, 2), eod(2025, 1, 6)),
    ("days ending on the day off 3 Jan 2025 move to the working Sunday", 1, D, {}, at(2025, 1, 2), eod(2025, 1, 5)),
    ("days ending on the working Saturday 4 May 2024 stay", 2, D, {}, at(2024, 5, 2), eod(2024, 5, 4)),
    ("one month from 31 January 2027: 28 Feb is a Sunday", 1, M, {}, at(2027, 1, 31), eod(2027, 3, 1)),
    ("one month from 31 January 2028 ends 29 February (leap)", 1, M, {}, at(2028, 1, 31), eod(2028, 2, 29)),
    ("one month from 31 January 2026: 28 Feb is a Saturday", 1, M, {}, at(2026, 1, 31), eod(2026, 3, 2)),
    ("two months from 30 December 2026: 28 Feb 2027 is a Sunday", 2, M, {}, at(2026, 12, 30), eod(2027, 3, 1)),
    ("two months from 31 December 2026 (investigation)", 2, M, {}, at(2026, 12, 31, 16), eod(2027, 3, 1)),
    ("one month from 30 December 2025 ends 30 January 2026", 1, M, {}, at(2025, 12, 30), eod(2026, 1, 30)),
    ("hours across midnight run in real time", 24, H, {}, at(2026, 4, 14, 22, 30), at(2026, 4, 15, 22, 30)),
    ("hours across Nauryz do not move", 48, H, {}, at(2026, 3, 20, 10), at(2026, 3, 22, 10)),
    ("detention of 48 hours ending on a Sunday", 48, H, LIBERTY, at(2026, 3, 20, 18, 30), at(2026, 3, 22, 18, 30)),
    ("custody of 2 months ending on a Sunday does not move", 2, M, LIBERTY, at(2026, 12, 30), eod(2027, 2, 28)),
    ("house arrest in days ending on Nauryz does not move", 3, D, LIBERTY, at(2026, 3, 20), eod(2026, 3, 23)),
    ("15 working days from an appeal received on Saturday", 15, WD, APPEAL, at(2026, 3, 21, 12), eod(2026, 4, 15)),
    ("15 working days from an appeal received on Friday", 15, WD, APPEAL, at(2026, 3, 20, 12), eod(2026, 4, 15)),
    ("3 days from an appeal received on Sunday 22 March", 3, D, APPEAL, at(2026, 3, 22, 12), eod(2026, 3, 30)),
    (
        "cap of 2 months from an appeal received on Sunday",
        2,
        M,
        {**APPEAL, **LIBERTY},
        at(2026, 3, 22),
        eod(2026, 5, 25),
    ),
    (
        "cap of 2 months from receipt ending on a Saturday is not moved",
        2,
        M,
        LIBERTY,
        at(2026, 2, 25),
        eod(2026, 4, 25),
    ),
    ("cap ending on a Sunday stays on the Sunday", 2, M, LIBERTY, at(2026, 3, 3), eod(2026, 5, 3)),
    ("a term of zero ends at its start", 0, D, {}, at(2026, 3, 20), at(2026, 3, 20)),
]


@pytest.mark.parametrize(
    ("amount", "unit", "options", "start", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_term_end(amount, unit, options, start, expected):
    assert compute(Term(amount, unit, **options), start).end == expected


def test_skipped_days_name_their_reason():
    result = compute(Term(3, D), at(2026, 3, 20))
    assert result.nominal_last_day == date(2026, 3, 23)
    assert result.last_day == date(2026, 3, 26)
    assert result.moved
    assert [(s.day, s.reason) for s in result.skipped] == [
        (date(2026, 3, 23), "holiday"),
        (date(2026, 3, 24), "holiday"),
        (date(2026, 3, 25), "holiday"),
    ]
    assert "Nowruz" in result.skipped[0].name


def test_working_days_list_weekends_holidays_and_transfers():
    # From Thursday 2 Jan 2025: Fri 3 is the transferred day off, Sat 4 a weekend, Sun 5 a working day (1),
    # Mon 6 (2).
    result = compute(Term(2, WD), at(2025, 1, 2))
    assert result.skipped == (
        SkippedDay(date(2025, 1, 3), "transfer", ""),
        SkippedDay(date(2025, 1, 4), "weekend", ""),
    )


def test_the_calendar_table_wins_over_the_package():
    # Declaring Thursday 16 April 2026 a day off moves a 3-day term from Monday 13 April to Friday 17.
    assert compute(Term(3, D), at(2026, 4, 13)).end == eod(2026, 4, 16)
    CalendarException.objects.create(date=date(2026, 4, 16), kind=CalendarException.Kind.DAY_OFF, note="test")
    result = compute(Term(3, D), at(2026, 4, 13))
    assert result.end == eod(2026, 4, 17)
    assert result.skipped == (SkippedDay(date(2026, 4, 16), "transfer", ""),)
    # And a working day on a public holiday: Wednesday 7 January 2026 (Orthodox Christmas) made working.
    CalendarException.objects.create(date=date(2026, 1, 7), kind=CalendarException.Kind.WORKING_DAY)
    assert compute(Term(1, D), at(2026, 1, 6)).end == eod(2026, 1, 7)


def test_liberty_terms_report_no_skipped_days():
    result = compute(Term(3, D, moves_off_non_working=False), at(2026, 3, 20))
    assert (result.last_day, result.skipped, result.moved) == (date(2026, 3, 23), (), False)


def test_end_of_day_is_the_last_instant_in_almaty():
    assert eod(2026, 3, 26).astimezone(ALMATY).isoformat() == "2026-03-26T23:59:59.999999+05:00"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 11, 15), 14, date(2028, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_time_left_and_resume():
    end = at(2026, 5, 1, 10)
    left = time_left(end, at(2026, 4, 30, 10))
    assert left.total_seconds() == 24 * 3600
    assert resume(left, at(2026, 6, 1, 12)) == at(2026, 6, 2, 12)
    assert resume(time_left(end, at(2026, 5, 2)), at(2026, 6, 1)) == at(2026, 6, 1)


def test_a_bad_term_is_refused():
    with pytest.raises(ValueError, match="negative"):
        Term(-1, D)
    with pytest.raises(ValueError, match="unit"):
        Term(1, "weeks")
