from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ecase.models import CalendarException
from ecase.terms.workdays import add_working_days, is_working_day, working_days_deadline

pytestmark = pytest.mark.django_db


def test_nauryz_2026_is_skipped():
    # Friday 20 March 2026; 21-25 March are Nauryz (Sat-Sun moved to Tue-Wed): the 1st working day is the 26th.
    assert add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)


def test_new_year_boundary():
    # Wednesday 30 Dec 2026 + 2 working days: Thu 31 Dec, then Fri 1 Jan (holiday), Mon 4 Jan? 1-2 Jan 2027 are
    # holidays, 2 Jan falls on Saturday and moves to Monday 4 Jan, so the second working day is Tue 5 Jan.
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 5)


def test_transferred_day_off_and_working_saturday():
    # Monday 2 Nov 2026 declared a day off; Saturday 7 Nov 2026 declared a working day.
    CalendarException.objects.create(date=date(2026, 11, 2), kind=CalendarException.Kind.DAY_OFF)
    CalendarException.objects.create(date=date(2026, 11, 7), kind=CalendarException.Kind.WORKING_DAY)
    assert not is_working_day(date(2026, 11, 2))
    assert is_working_day(date(2026, 11, 7))
    # From Friday 30 Oct: Tue 3, Wed 4, Thu 5, Fri 6, Sat 7 (working) -> the 5th working day is Sat 7 Nov.
    assert add_working_days(date(2026, 10, 30), 5) == date(2026, 11, 7)


def test_deadline_ends_at_end_of_local_day():
    received = datetime(2026, 11, 23, 18, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    due = working_days_deadline(received, 1)
    local = timezone.localtime(due)
    assert local.date() == date(2026, 11, 24)
    assert (local.hour, local.minute) == (23, 59)
