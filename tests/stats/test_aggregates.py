"""The median aggregate: percentile_cont on PostgreSQL, a registered aggregate on SQLite; same answers."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count, Q, Value

from ecase.models import Case
from stats.aggregates import Median, SecondsBetween

pytestmark = pytest.mark.django_db

BASE = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def cases(world, make_case):
    """Cases registered 1 h, 2 h and 10 h after BASE (property) and 3 h and 20 h after it (drugs)."""
    for hours, category in ((1, "property"), (2, "property"), (10, "property"), (3, "drugs"), (20, "drugs")):
        make_case(category=category, registered_at=BASE + timedelta(hours=hours))


def _hours_since_base():
    return SecondsBetween(Value(BASE), "registered_at")


def test_median_of_an_odd_and_an_even_group(cases):
    rows = {
        r["category"]: r["median"] / 3600
        for r in Case.objects.values("category").annotate(median=Median(_hours_since_base())).order_by()
    }
    assert rows == {"property": pytest.approx(2.0), "drugs": pytest.approx(11.5)}


def test_median_of_everything_with_a_filter(cases):
    agg = Case.objects.aggregate(
        all=Median(_hours_since_base()),
        property=Median(_hours_since_base(), filter=Q(category="property")),
        n=Count("pk"),
    )
    assert agg["n"] == 5
    assert agg["all"] / 3600 == pytest.approx(3.0)
    assert agg["property"] / 3600 == pytest.approx(2.0)


def test_median_of_nothing_is_null(world):
    assert Case.objects.aggregate(m=Median(_hours_since_base()))["m"] is None


def test_seconds_between_is_exact_to_the_second(cases):
    got = sorted(Case.objects.annotate(s=_hours_since_base()).values_list("s", flat=True))
    assert [round(s) for s in got] == [3600, 7200, 10800, 36000, 72000]
