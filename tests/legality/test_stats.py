"""The legality statistics: found by the system vs by prosecutors, by rule / severity / office / status, time
to resolution (median, 90th percentile); the page with its SVG charts, the CSV and the API, each for the
offices the user may see (auditors: counts only), in a constant number of queries."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.choices import DecisionKind
from legality import services
from legality.choices import FindingOrigin
from legality.models import Finding

pytestmark = pytest.mark.django_db

API = "/api/v1/legality/stats/"
PAGE, CSV = reverse("legality:stats"), reverse("legality:stats-csv")


def _record(user, case, text="Found by hand."):
    return services.finding_record(actor=user, case_id=case.pk, severity="violation", article="CPC Art. 24", text=text)


@pytest.fixture
def figures(world, decisions, make_case):
    """Office A1: a system finding acknowledged after 10 h and a manual one after 30 h; office B1: a manual one."""
    start = timezone.now() - timedelta(days=5)
    with time_machine.travel(start):
        decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
        system = Finding.objects.get(decision=decision, rule="required_documents_missing")
        manual = _record(world.prosecutor_a1, decision.case)
        _record(world.prosecutor_b1, make_case(investigator=world.investigator_b))
    with time_machine.travel(start + timedelta(hours=10)):
        services.finding_acknowledge(finding_id=system.pk, actor=world.prosecutor_a1, reason="Paper file.")
    with time_machine.travel(start + timedelta(hours=30)):
        services.finding_acknowledge(finding_id=manual.pk, actor=world.prosecutor_a1, reason="Fixed.")
    return decision


def _indicator(body, code):
    return {row["key"]: row for row in next(i for i in body["indicators"] if i["code"] == code)["rows"]}


def test_found_by_system_and_by_prosecutors(world, api_as, figures):
    body = api_as(world.prosecutor_a1).get(API).json()
    found_by = _indicator(body, "legality_found_by")
    system_a1 = Finding.objects.filter(case__supervising_office=world.dist_a1, origin=FindingOrigin.SYSTEM).count()
    assert found_by["prosecutor"]["values"] == {"found": 1, "open": 0, "closed": 1}
    assert found_by["system"]["values"]["found"] == system_a1 and found_by["system"]["values"]["closed"] == 1
    assert found_by["total"]["values"]["found"] == system_a1 + 1
    assert found_by["total"]["previous"] == {"found": 0, "open": 0, "closed": 0}
    by_rule = _indicator(body, "legality_by_rule")
    assert by_rule["manual"]["values"]["found"] == 1 and by_rule["required_documents_missing"]["values"]["found"] == 1
    assert _indicator(body, "legality_by_status")["acknowledged"]["values"]["found"] == 2
    assert set(_indicator(body, "legality_by_office")) == {str(world.dist_a1.pk), "total"}
    assert _indicator(body, "legality_by_severity")["violation"]["values"]["found"] >= 2


def test_time_to_resolution(world, api_as, figures):
    rows = _indicator(api_as(world.prosecutor_a1).get(API).json(), "legality_resolution_time")
    assert rows["system"]["values"] == {"closed": 1, "median_hours": 10.0, "p90_hours": 10.0}
    assert rows["prosecutor"]["values"] == {"closed": 1, "median_hours": 30.0, "p90_hours": 30.0}
    # Two values: the median halfway, the 90th percentile interpolated as percentile_cont does.
    assert rows["total"]["values"] == {"closed": 2, "median_hours": 20.0, "p90_hours": 28.0}


def test_visibility(world, api_as, figures):
    b1 = _indicator(api_as(world.prosecutor_b1).get(API).json(), "legality_found_by")
    assert b1["total"]["values"]["found"] == 1 and b1["prosecutor"]["values"]["found"] == 1
    offices = _indicator(api_as(world.auditor).get(API).json(), "legality_by_office")
    assert {str(world.dist_a1.pk), str(world.dist_b1.pk)} <= set(offices)
    assert api_as(world.auditor).get("/api/v1/legality/findings/").status_code == 403  # counts only
    assert api_as(world.prosecutor_b1).get(API, {"office": world.dist_a1.pk}).status_code == 404
    assert api_as(world.senior_a).get(API, {"office": world.dist_a1.pk}).status_code == 200
    assert api_as(world.investigator_a).get(API).status_code == 403
    assert api_as(world.citizen).get(API).status_code == 403
    bad = api_as(world.prosecutor_a1).get(API, {"date_from": "2026-05-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400 and "date_to" in bad.json()["fields"]
    assert api_as(world.prosecutor_a1).get(API, {"office": "x"}).status_code == 400


def test_page_with_charts_and_csv(client, world, figures):
    client.force_login(world.auditor)
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") == 6 and "Findings: found by the system and by prosecutors" in html
    assert figures.case.number not in html  # counts, no case contents
    assert "<script" not in html.split("<main", 1)[-1] and 'style="' not in html
    exported = client.get(CSV)
    assert exported.status_code == 200 and exported["Content-Disposition"].startswith(
        'attachment; filename="ecase-legality-'
    )
    rows = list(csv.DictReader(io.StringIO(exported.content.decode().lstrip("\ufeff"))))
    manual = [r for r in rows if r["indicator"] == "legality_found_by" and r["row"] == "prosecutor"]
    assert {r["metric"]: r["value"] for r in manual} == {"found": "2", "open": "1", "closed": "1"}
    assert client.get(PAGE, {"date_from": "nonsense"}).status_code == 400
    assert client.get(CSV, {"date_from": "nonsense"}).status_code == 400
    client.force_login(world.investigator_a)
    assert client.get(PAGE).status_code == 403


def test_constant_number_of_queries(world, api_as, figures, make_case, django_assert_num_queries):
    client = api_as(world.prosecutor_a1)
    with CaptureQueriesContext(connection) as before:
        assert client.get(API).status_code == 200
    for _ in range(3):
        _record(world.prosecutor_a1, make_case())
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(API).status_code == 200
