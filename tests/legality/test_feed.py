"""Finding events in the integrations change feed: listed and filterable by type, the feed's one schema, and
a service account sees only the findings of cases it may see (and with the scope that reads them)."""

from __future__ import annotations

import pytest

from approvals.choices import DecisionKind
from ecase.audit.linker import audit_link
from integrations.scopes import Scope
from legality import services
from legality.models import Finding
from tests.integrations.conftest import make_service  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

TYPES = "finding.opened,finding.recorded,finding.acknowledged,finding.resolved,finding.acted_on"
KEYS = {"id", "type", "occurred_at", "object", "case_id", "from_state", "to_state", "actor"}


def _feed(client, types: str = TYPES) -> list[dict]:
    response = client.get("/api/v1/events/", {"types": types, "limit": 500})
    assert response.status_code == 200, response.content
    return response.json()["events"]


@pytest.fixture
def findings(world, decisions, make_case):
    """Office A1: a finding the rules opened and a prosecutor acknowledged; office B1: one recorded by hand."""
    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    found = Finding.objects.get(decision=decision, rule="required_documents_missing")
    services.finding_acknowledge(finding_id=found.pk, actor=world.prosecutor_a1, reason="Paper file.")
    other = make_case(investigator=world.investigator_b)
    services.finding_record(actor=world.prosecutor_b1, case_id=other.pk, severity="risk", text="By hand.")
    audit_link()
    return found, other


def test_finding_events_in_the_feed(make_service, findings):  # noqa: F811
    found, other = findings
    events = _feed(make_service(scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client())
    mine = [e for e in events if e["object"] == {"type": "legality.finding", "id": str(found.pk)}]
    assert [(e["type"], e["from_state"], e["to_state"]) for e in mine] == [
        ("finding.opened", "", "open"),
        ("finding.acknowledged", "open", "acknowledged"),
    ]
    assert all(set(e) == KEYS for e in events) and {e["case_id"] for e in events} == {found.case_id}
    assert other.pk not in {e["case_id"] for e in events}  # office B1's finding: not this account's
    only = _feed(make_service(name="x", scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client(), "finding.acknowledged")
    assert [e["type"] for e in only] == ["finding.acknowledged"]


def test_other_office_and_missing_scope(world, make_service, findings):  # noqa: F811
    found, other = findings
    theirs = _feed(make_service(organisation=world.police_b1, scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client())
    assert [(e["type"], e["case_id"]) for e in theirs] == [("finding.recorded", other.pk)]
    assert theirs[0]["actor"]  # who recorded it by hand
    no_cases = make_service(name="decisions-only", scopes=[Scope.EVENTS_READ, Scope.DECISIONS_READ])
    assert _feed(no_cases.client()) == []


def test_service_account_reads_the_finding_the_feed_names(make_service, findings):  # noqa: F811
    found, _other = findings
    client = make_service(scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client()
    detail = client.get(f"/api/v1/legality/findings/{found.pk}/")
    assert detail.status_code == 200 and detail.json()["rule"] == "required_documents_missing"
    assert client.post(f"/api/v1/legality/findings/{found.pk}/acknowledge/", {"reason": "x"}).status_code == 403
    no_cases = make_service(name="decisions-only", scopes=[Scope.EVENTS_READ, Scope.DECISIONS_READ]).client()
    assert no_cases.get(f"/api/v1/legality/findings/{found.pk}/").status_code == 403
