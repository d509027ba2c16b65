"""Every indicator, asserted exactly on the known world (builders.py / expected.py): for the office, for
its subtree, for the whole country, and for a sibling office that must see none of it."""

import pytest
from django.http import Http404

from ecase.models import TerminationGround
from stats import indicators
from stats.selectors import stats_report, stats_scope_for
from tests.stats.builders import PERIOD
from tests.stats.expected import A1, A1_PREVIOUS_CHANGED, REG_A, with_changes
from tests.stats.helpers import figures, previous_figures, report_for, totals

pytestmark = pytest.mark.django_db


def test_district_office_sees_exactly_its_figures(stats_world, world):
    report = report_for(world.senior_a1, PERIOD)
    assert report.scope.office == world.dist_a1
    got = figures(report)
    assert set(got) == {i.code for i in indicators.indicators()}
    for code, rows in A1.items():
        assert got[code] == rows, code


def _zeroed(values):
    return {m: (0 if isinstance(v, int) else None) for m, v in values.items()}


def test_previous_period_is_the_same_length_just_before(stats_world, world):
    report = report_for(world.senior_a1, PERIOD)
    assert (str(report.previous.date_from), str(report.previous.date_to)) == ("2026-01-29", "2026-02-28")
    zero = {code: {key: _zeroed(v) for key, v in rows.items()} for code, rows in A1.items() if code != "overdue_now"}
    assert previous_figures(report) == with_changes(zero, A1_PREVIOUS_CHANGED)
    received = report.result("complaints_by_kind").rows[-1]
    assert received.key == "total" and received.change("received") == 400.0  # 5 against 1: the growth


def test_region_sees_its_subtree(stats_world, world):
    got = figures(report_for(world.senior_a, PERIOD))
    for code, rows in REG_A.items():
        assert got[code] == rows, code


def test_region_office_only_excludes_its_districts(stats_world, world):
    report = report_for(world.senior_a, PERIOD, office=world.reg_a.pk, subtree=False)
    for code, total in totals(report).items():
        assert all(v in (0, None) for v in total.values()), code


def test_region_may_look_at_one_district(stats_world, world):
    got = figures(report_for(world.senior_a, PERIOD, office=world.dist_a1.pk))
    assert got == figures(report_for(world.senior_a1, PERIOD))


def test_sibling_region_sees_none_of_it(stats_world, world):
    got = figures(report_for(world.senior_b, PERIOD))
    assert got["cases_registered"]["total"] == {"cases": 1}
    assert got["cases_terminated"]["rehabilitating"] == {"cases": 1, "share": 100.0}
    assert got["decisions_by_kind"]["total"]["decided"] == 1
    assert got["decisions_by_kind"]["total"]["median_hours"] == 2.0
    assert got["filter_exemptions"]["decided"] == {"count": 0, "share": None}
    assert got["complaints_by_kind"]["total"]["received"] == 1
    assert got["complaints_answered"]["total"]["answered"] == 0
    assert got["refusal_explanations"]["total"] == {"refusals": 0, "share": None}
    assert got["restricting_actions"]["total"] == {"actions": 0, "share": None}
    assert got["overdue_now"]["total"] == {"items": 0}


@pytest.mark.parametrize("office", ["dist_a1", "reg_a", "dist_a2", "gp"])
def test_office_outside_the_subtree_is_not_found(stats_world, world, office):
    with pytest.raises(Http404):
        stats_scope_for(user=world.senior_b, office_id=getattr(world, office).pk)


def test_district_cannot_look_up_or_sideways(stats_world, world):
    for office in (world.reg_a, world.dist_a2, world.gp, world.police_a1):
        with pytest.raises(Http404):
            stats_scope_for(user=world.senior_a1, office_id=office.pk)


def test_auditor_sees_the_whole_country(stats_world, world):
    report = report_for(world.auditor, PERIOD)
    assert report.scope.office == world.gp and report.scope.include_subtree
    got = figures(report)
    assert got["cases_registered"]["total"] == {"cases": 7}
    assert got["cases_registered"]["property"] == {"cases": 4}
    assert got["cases_terminated"]["total"] == {"cases": 4, "share": 100.0}
    assert got["cases_terminated"]["rehabilitating"] == {"cases": 3, "share": 75.0}
    assert got["decisions_by_kind"]["termination"]["decided"] == 6
    assert got["decisions_by_kind"]["total"]["decided"] == 12
    assert got["filter_exemptions"]["people"]["count"] == 1
    assert got["complaints_by_kind"]["total"]["received"] == 7
    assert got["overdue_now"]["total"] == {"items": 3}


def test_superuser_without_office_sees_every_office(stats_world, world, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.kz", "pw-long-enough-1")
    scope = stats_scope_for(user=admin)
    assert scope.office is None
    assert figures(stats_report(scope=scope, period=PERIOD)) == figures(report_for(world.auditor, PERIOD))


def test_rehabilitating_flag_is_fixed_at_the_decision(stats_world, world):
    """Issue 11 item 5: the flag is data, read when a termination is approved; editing the ground table
    afterwards changes no past termination's statistics."""
    before = figures(report_for(world.senior_a1, PERIOD))["cases_terminated"]
    TerminationGround.objects.filter(code="36-reconciliation").update(is_rehabilitating=True)
    TerminationGround.objects.filter(is_rehabilitating=True).exclude(code="36-reconciliation").update(
        is_rehabilitating=False
    )
    assert figures(report_for(world.senior_a1, PERIOD))["cases_terminated"] == before


def test_the_period_bounds_are_local_days(stats_world, world):
    from datetime import date

    from stats.period import Period

    # 1 March 00:05 in Almaty is still 28 February in UTC; it belongs to March.
    first_day = figures(report_for(world.senior_a1, Period(date(2026, 3, 1), date(2026, 3, 1))))
    assert first_day["cases_registered"]["total"] == {"cases": 1}
    last_day_before = figures(report_for(world.senior_a1, Period(date(2026, 2, 28), date(2026, 2, 28))))
    assert last_day_before["cases_registered"]["total"] == {"cases": 1}  # c6, 23:55 local


def test_each_indicator_is_a_fixed_number_of_aggregate_queries(stats_world, world, django_assert_max_num_queries):
    scope = stats_scope_for(user=world.auditor)
    # Both periods in one query each: cases 1 + 1, exemptions 2, decisions 2 (by kind; overall median),
    # complaints 2 + 1 + 2 + 1 (two read the small table of kinds), overdue 3 (one per table), actions 1;
    # plus the transaction's SAVEPOINT/RELEASE in a test and PostgreSQL's SET LOCAL.
    with django_assert_max_num_queries(16 + 2 + 1):
        stats_report(scope=scope, period=PERIOD)
