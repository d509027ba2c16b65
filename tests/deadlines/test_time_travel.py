"""Time travel: due soon, due and escalation across weekends, Kazakh public holidays and transferred days.

The settings here: due soon 1 working day ahead, escalation after 1 full working day overdue. Each row walks
one item through time; at each instant a scan runs and the stage it records (or None) is checked.
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from ecase.models import CalendarException, Notification

from .conftest import almaty, stages_of

pytestmark = pytest.mark.django_db

SOURCE = "test.calendar"


@pytest.fixture(autouse=True)
def _calendar_source(settings, test_source):
    settings.DEADLINE_DUE_SOON = "1wd"
    settings.DEADLINE_ESCALATE_AFTER = "1wd"
    test_source(SOURCE, "188 p.2")  # periods from the settings above


def _walk(case, scan, steps):
    for now, expected in steps:
        before = stages_of(case, SOURCE)
        with time_machine.travel(now, tick=False):
            scan()
        new = stages_of(case, SOURCE)[len(before) :]
        assert new == ([expected] if expected else []), f"at {now:%a %d %b %H:%M}: {new}"


def test_weekend_delays_nothing_but_escalation(world, case_due, scan):
    case = case_due(almaty(2026, 11, 27, 17, 0))  # Friday 17:00
    _walk(
        case,
        scan,
        [
            (almaty(2026, 11, 25, 9, 0), None),  # Wednesday: the next working day is Thursday, not yet
            (almaty(2026, 11, 26, 9, 0), "due_soon"),  # Thursday: due by the end of the next working day
            (almaty(2026, 11, 27, 16, 59), None),
            (almaty(2026, 11, 27, 17, 0), "due"),  # Friday at the deadline
            (almaty(2026, 11, 28, 12, 0), None),  # Saturday and Sunday are not working days
            (almaty(2026, 11, 29, 12, 0), None),
            (almaty(2026, 11, 30, 23, 0), None),  # Monday: the one working day is not over yet
            (almaty(2026, 12, 1, 0, 1), "overdue"),  # Tuesday: escalated
            (almaty(2026, 12, 2, 9, 0), None),
        ],
    )
    assert Notification.objects.filter(user=world.senior_a1, notice__source=SOURCE).count() == 1


def test_nauryz_days_off_move_every_stage(world, case_due, scan):
    # 21-25 March 2026 are days off (Nauryz 21-23, with Saturday and Sunday moved to Tuesday and Wednesday).
    case = case_due(almaty(2026, 3, 26, 18, 0))  # Thursday, the first working day after Nauryz
    _walk(
        case,
        scan,
        [
            (almaty(2026, 3, 19, 12, 0), None),  # Thursday before: the next working day is Friday 20th
            (almaty(2026, 3, 20, 12, 0), "due_soon"),  # Friday: the next working day is Thursday 26th
            (almaty(2026, 3, 23, 12, 0), None),  # a holiday: nothing new
            (almaty(2026, 3, 26, 18, 0), "due"),
            (almaty(2026, 3, 27, 23, 59), None),  # Friday 27th, the working day after, is not over
            (almaty(2026, 3, 28, 0, 0), "overdue"),  # Saturday: Friday has fully passed
        ],
    )


def test_independence_day_and_a_deadline_on_a_holiday(world, case_due, scan):
    # Wednesday 16 December 2026 is Independence Day. A deadline on the eve (Tuesday 15th):
    case = case_due(almaty(2026, 12, 15, 18, 0))
    _walk(
        case,
        scan,
        [
            (almaty(2026, 12, 14, 9, 0), "due_soon"),  # Monday: Tuesday is the next working day
            (almaty(2026, 12, 15, 18, 30), "due"),
            (almaty(2026, 12, 16, 23, 0), None),  # the holiday does not count
            (almaty(2026, 12, 17, 23, 0), None),  # Thursday is the working day that must pass
            (almaty(2026, 12, 18, 0, 30), "overdue"),
        ],
    )


def test_year_boundary(world, case_due, scan):
    # Thursday 31 Dec 2026; 1 Jan (Fri) and 2 Jan (Sat, moved to Mon 4 Jan) 2027 are holidays.
    case = case_due(almaty(2026, 12, 28, 18, 0))  # Monday
    _walk(case, scan, [(almaty(2026, 12, 28, 19, 0), "due")])
    case2 = case_due(almaty(2026, 12, 28, 19, 0), investigator=world.investigator_a2)
    _walk(case2, scan, [(almaty(2026, 12, 25, 9, 0), "due_soon")])  # Friday: Monday is the next working day
    case3 = case_due(almaty(2026, 12, 31, 18, 0))
    _walk(
        case3,
        scan,
        [
            (almaty(2026, 12, 31, 19, 0), "due"),
            (almaty(2027, 1, 4, 23, 0), None),  # 1, 2 (moved to 4th), 3 January: no working day has passed
            (almaty(2027, 1, 5, 23, 0), None),  # Tuesday 5th is the working day that must pass
            (almaty(2027, 1, 6, 0, 1), "overdue"),
        ],
    )


def test_transferred_days_off_and_working_saturdays_from_the_exceptions_table(world, case_due, scan):
    CalendarException.objects.create(date=date(2026, 11, 30), kind=CalendarException.Kind.DAY_OFF)
    CalendarException.objects.create(date=date(2026, 11, 28), kind=CalendarException.Kind.WORKING_DAY)
    case = case_due(almaty(2026, 11, 27, 17, 0))  # Friday
    _walk(
        case,
        scan,
        [
            (almaty(2026, 11, 27, 17, 0), "due"),
            (almaty(2026, 11, 28, 23, 0), None),  # the working Saturday is the working day that must pass
            (almaty(2026, 11, 29, 0, 1), "overdue"),  # so the escalation comes on Sunday
        ],
    )
    # And due soon: on Thursday 3 Dec with Friday 4th declared a day off, a deadline on Monday 7th is due soon.
    CalendarException.objects.create(date=date(2026, 12, 4), kind=CalendarException.Kind.DAY_OFF)
    case2 = case_due(almaty(2026, 12, 7, 12, 0), investigator=world.investigator_a2)
    _walk(case2, scan, [(almaty(2026, 12, 2, 9, 0), None), (almaty(2026, 12, 3, 9, 0), "due_soon")])


def test_working_day_lead_of_the_case_term_source(world, case_due, scan):
    """The real investigation-term source warns five working days ahead: over Nauryz that is 11 calendar days."""
    from ecase.deadline_sources import CASE_TERM_SOURCE

    case = case_due(almaty(2026, 3, 27, 12, 0))  # Friday after Nauryz
    with time_machine.travel(almaty(2026, 3, 16, 12, 0), tick=False):  # Monday: 5 working days -> Fri 20th
        scan()
    assert stages_of(case, CASE_TERM_SOURCE) == []
    with time_machine.travel(almaty(2026, 3, 17, 12, 0), tick=False):  # Tuesday: 18, 19, 20, 26, 27
        scan()
    assert stages_of(case, CASE_TERM_SOURCE) == ["due_soon"]
