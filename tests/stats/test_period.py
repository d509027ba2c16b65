"""Periods in Asia/Almaty, their previous period, validation, and the growth line's buckets."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stats.indicators.complaints import bucket_days
from stats.period import Period, period_from_dates


def test_period_is_local_days_half_open():
    p = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert p.days == 31
    # Almaty is UTC+5: the period starts at 19:00 UTC the day before and ends (exclusive) the same way.
    assert p.start.astimezone(UTC) == datetime(2026, 2, 28, 19, 0, tzinfo=UTC)
    assert p.end.astimezone(UTC) == datetime(2026, 3, 31, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date_from", "date_to", "previous"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), (date(2026, 1, 29), date(2026, 2, 28))),
        (date(2026, 1, 1), date(2026, 1, 1), (date(2025, 12, 31), date(2025, 12, 31))),
        (date(2024, 3, 1), date(2025, 2, 28), (date(2023, 3, 2), date(2024, 2, 29))),
    ],
)
def test_previous_period_has_the_same_length_and_ends_the_day_before(date_from, date_to, previous):
    p = Period(date_from, date_to)
    before = p.previous()
    assert (before.date_from, before.date_to) == previous
    assert before.days == p.days
    assert before.end == p.start


def test_defaults_are_the_last_365_days_up_to_today_in_almaty():
    # 20:30 UTC on 31 December is already 1 January in Almaty.
    with time_machine.travel(datetime(2025, 12, 31, 20, 30, tzinfo=UTC), tick=False):
        p = period_from_dates(None, None)
    assert p.date_to == date(2026, 1, 1)
    assert p.days == 365
    assert period_from_dates(None, date(2026, 3, 31)).date_from == date(2025, 4, 1)
    assert period_from_dates(date(2026, 3, 1), None).date_from == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("date_from", "date_to", "field"),
    [
        (date(2026, 3, 2), date(2026, 3, 1), "date_to"),
        (date(1999, 12, 31), date(2026, 3, 1), "date_from"),
        (date(2026, 1, 1), date(2100, 1, 1), "date_to"),
        (date(2000, 1, 1), date(2030, 1, 1), "date_from"),
    ],
)
def test_bad_periods_are_refused(date_from, date_to, field):
    with pytest.raises(ValidationError) as exc:
        period_from_dates(date_from, date_to)
    assert field in exc.value.message_dict


@pytest.mark.parametrize(("days", "width"), [(1, 1), (31, 1), (32, 7), (365, 7), (366, 7), (367, 30), (3650, 30)])
def test_growth_buckets(days, width):
    from datetime import timedelta

    start = date(2025, 1, 1)
    assert bucket_days(Period(start, start + timedelta(days=days - 1))) == width
