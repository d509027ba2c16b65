"""GET /api/v1/stats/ and /api/v1/stats/{code}/, and their place in the OpenAPI schema."""

import pytest
import yaml

from stats.indicators import indicators
from tests.stats.builders import PERIOD
from tests.stats.expected import A1

pytestmark = pytest.mark.django_db

QUERY = {"date_from": str(PERIOD.date_from), "date_to": str(PERIOD.date_to)}


def test_report_shape(stats_world, world, api_as):
    body = api_as(world.senior_a1).get("/api/v1/stats/", QUERY).json()
    assert body["scope"] == {
        "office": {"id": world.dist_a1.pk, "code": "dist-a1", "name": "District office A1"},
        "scope": "subtree",
    }
    assert body["period"] == {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    assert body["previous_period"] == {"date_from": "2026-01-29", "date_to": "2026-02-28"}
    assert [i["code"] for i in body["indicators"]] == [i.code for i in indicators()]
    terminated = next(i for i in body["indicators"] if i["code"] == "cases_terminated")
    assert terminated["definition"].startswith("Cases whose termination took effect")
    assert terminated["metrics"][1] == {"code": "share", "label": "Share of terminations", "unit": "percent"}
    rehab = terminated["rows"][0]
    assert rehab == {
        "key": "rehabilitating",
        "label": "On rehabilitating grounds",
        "is_total": False,
        "values": {"cases": 2, "share": 66.7},
        "previous": {"cases": 0, "share": None},
        "change_percent": {"cases": None},
    }
    overdue = next(i for i in body["indicators"] if i["code"] == "overdue_now")
    assert overdue["compares"] is False and overdue["rows"][0]["previous"] is None


@pytest.mark.parametrize("code", list(A1))
def test_one_indicator(stats_world, world, api_as, code):
    response = api_as(world.senior_a1).get(f"/api/v1/stats/{code}/", QUERY)
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == code
    assert {row["key"]: row["values"] for row in body["rows"]} == A1[code]


def test_unknown_indicator_is_404(world, api_as):
    response = api_as(world.auditor).get("/api/v1/stats/no_such_thing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_scope_office_only(stats_world, world, api_as):
    body = api_as(world.senior_a).get("/api/v1/stats/cases_registered/", {**QUERY, "scope": "office"}).json()
    assert body["rows"][-1]["values"] == {"cases": 0}
    body = api_as(world.senior_a).get("/api/v1/stats/cases_registered/", QUERY).json()
    assert body["rows"][-1]["values"] == {"cases": 6}


def test_bearer_token_client_of_an_auditor(stats_world, world, api):
    from ecase.services.tokens import token_issue

    _token, raw = token_issue(user=world.auditor)
    response = api.get("/api/v1/stats/cases_registered/", QUERY, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["rows"][-1]["values"] == {"cases": 7}


def test_schema_documents_the_endpoints(world, client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    report = schema["paths"]["/api/v1/stats/"]["get"]
    names = {p["name"] for p in report["parameters"]}
    assert {"office", "scope", "date_from", "date_to"} <= names
    assert {"200", "400", "401", "403", "404"} <= set(report["responses"])
    one = schema["paths"]["/api/v1/stats/{code}/"]["get"]
    assert {"200", "404"} <= set(one["responses"])
    assert "StatsReport" in schema["components"]["schemas"]
