"""GET rules and findings (visibility as everything else), acknowledge and resolve actions, error shape."""

from __future__ import annotations

import pytest

from approvals.choices import DecisionKind
from legality.choices import FindingStatus
from legality.models import Finding
from legality.registry import rules_all

pytestmark = pytest.mark.django_db

FINDINGS = "/api/v1/legality/findings/"


@pytest.fixture
def open_finding(decisions) -> Finding:
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    return Finding.objects.get(rule="required_documents_missing")


def test_rules_table(world, api_as):
    body = api_as(world.prosecutor_a1).get("/api/v1/legality/rules/").json()
    assert [r["code"] for r in body] == [r.code for r in rules_all()]
    assert len(body) >= 11
    assert all(r["article"] and r["title"] and r["severity"] in ("violation", "risk", "notice") for r in body)
    assert api_as(world.citizen).get("/api/v1/legality/rules/").status_code == 403


def test_findings_follow_case_visibility(world, api_as, open_finding):
    mine = api_as(world.prosecutor_a1).get(FINDINGS).json()
    assert [f["id"] for f in mine["results"]] == [open_finding.pk]
    assert mine["results"][0]["article"]
    assert api_as(world.prosecutor_b1).get(FINDINGS).json()["results"] == []
    assert api_as(world.prosecutor_b1).get(f"{FINDINGS}{open_finding.pk}/").status_code == 404


def test_filters_and_strict_parameters(world, api_as, open_finding):
    client = api_as(world.prosecutor_a1)
    assert client.get(FINDINGS, {"severity": "risk"}).json()["results"] == []
    assert len(client.get(FINDINGS, {"rule": "required_documents_missing"}).json()["results"]) == 1
    assert len(client.get(FINDINGS, {"office": world.dist_a1.pk, "min_age_days": 0}).json()["results"]) == 1
    assert client.get(FINDINGS, {"rule": "no_such_rule"}).status_code == 400
    assert client.get(FINDINGS, {"colour": "red"}).status_code == 400


def test_acknowledge(world, api_as, open_finding):
    url = f"{FINDINGS}{open_finding.pk}/acknowledge/"
    assert api_as(world.investigator_a).post(url, {"reason": "x"}).status_code == 403
    bad = api_as(world.prosecutor_a1).post(url, {"reason": ""})
    assert bad.status_code == 400 and bad.json()["fields"]
    done = api_as(world.prosecutor_a1).post(url, {"reason": "The petition's materials came on paper."})
    assert done.status_code == 200 and done.json()["status"] == FindingStatus.ACKNOWLEDGED
    assert api_as(world.prosecutor_a1).post(url, {"reason": "again"}).status_code == 409
    assert api_as(world.prosecutor_b1).post(url, {"reason": "x"}).status_code == 404


def test_resolve_with_the_decision_that_fixed_it(world, api_as, decisions, open_finding):
    url = f"{FINDINGS}{open_finding.pk}/resolve/"
    assert api_as(world.prosecutor_a1).post(url, {"decision": open_finding.decision_id}).status_code == 400
    fix = decisions.make(DecisionKind.TERM_EXTENSION, "approved", case=open_finding.case)
    done = api_as(world.prosecutor_a1).post(url, {"decision": fix.pk, "reason": "Extended instead."})
    assert done.status_code == 200
    assert done.json()["status"] == FindingStatus.ACTED_ON and done.json()["acted_decision"] == fix.pk
