"""A prosecutor records a finding by hand (API and browser form): permissions, validation that writes
nothing, the audit event, and the rules never resolving it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approvals.choices import DecisionKind
from ecase.models import AuditEvent
from legality.choices import FindingOrigin, FindingStatus
from legality.models import Finding

from .conftest import sync

pytestmark = pytest.mark.django_db

FINDINGS = "/api/v1/legality/findings/"
TEXT = "The search protocol lists no attesting witnesses."


def test_prosecutor_records_a_finding_on_a_decision(world, api_as, decisions):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    body = {
        "case": decision.case_id,
        "decision": decision.pk,
        "severity": "violation",
        "article": "CPC Art. 80",
        "text": TEXT,
    }
    response = api_as(world.prosecutor_a1).post(FINDINGS, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["origin"] == "prosecutor" and data["rule"] == "manual" and data["article"] == "CPC Art. 80"
    assert data["title"] == "Recorded by a prosecutor" and data["text"] == TEXT and data["status"] == "open"
    assert data["created_by"] == world.prosecutor_a1.pk and data["object_key"] == f"decision:{decision.pk}"
    event = AuditEvent.objects.get(action="finding.recorded", object_id=str(data["id"]))
    assert event.actor_id == world.prosecutor_a1.pk and event.case_id == decision.case_id
    # A second one on the same decision is its own finding; the rules' sync leaves both open.
    assert api_as(world.prosecutor_a1).post(FINDINGS, body, format="json").status_code == 201
    sync(decision.case)
    manual = Finding.objects.filter(origin=FindingOrigin.PROSECUTOR)
    assert manual.count() == 2 and set(manual.values_list("status", flat=True)) == {FindingStatus.OPEN}
    client = api_as(world.prosecutor_a1)
    assert len(client.get(FINDINGS, {"rule": "manual"}).json()["results"]) == 2
    assert len(client.get(FINDINGS, {"origin": "prosecutor"}).json()["results"]) == 2
    assert all(f["origin"] == "system" for f in client.get(FINDINGS, {"origin": "system"}).json()["results"])
    # ... and a prosecutor closes it like any other finding.
    ack = api_as(world.prosecutor_a1).post(f"{FINDINGS}{data['id']}/acknowledge/", {"reason": "Re-done."})
    assert ack.status_code == 200 and ack.json()["status"] == "acknowledged"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": "  "}, "text"),
        ({"severity": "catastrophe"}, "severity"),
        ({"article": "x" * 256}, "article"),
        ({"case": "abc"}, "case"),
        ({"case": 2**70}, "case"),
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(world, api_as, make_case, change, field):
    case = make_case()
    body = {"case": case.pk, "severity": "risk", "text": TEXT, **change}
    events = AuditEvent.objects.count()
    response = api_as(world.prosecutor_a1).post(FINDINGS, body, format="json")
    assert response.status_code == 400 and field in response.json()["fields"]
    assert not Finding.objects.exists() and AuditEvent.objects.count() == events


def test_decision_of_another_case_is_a_400(world, api_as, make_case, decisions):
    other = decisions.make(DecisionKind.SUSPENSION, "pending")
    body = {"case": make_case().pk, "decision": other.pk, "severity": "risk", "text": TEXT}
    response = api_as(world.prosecutor_a1).post(FINDINGS, body, format="json")
    assert response.status_code == 400 and "decision" in response.json()["fields"]
    assert not Finding.objects.exists()


def test_who_may_record(world, api_as, make_case):
    case = make_case()
    body = {"case": case.pk, "severity": "notice", "text": TEXT}
    assert api_as(world.investigator_a).post(FINDINGS, body, format="json").status_code == 403
    assert api_as(world.auditor).post(FINDINGS, body, format="json").status_code == 403
    assert api_as(world.prosecutor_b1).post(FINDINGS, body, format="json").status_code == 404  # not his case
    assert api_as(world.prosecutor_a2).post(FINDINGS, body, format="json").status_code == 404
    assert api_as(world.senior_a).post(FINDINGS, body, format="json").status_code == 201  # the office above
    assert Finding.objects.count() == 1


def test_browser_form_on_the_case_page(client, world, make_case, decisions):
    case = make_case()
    client.force_login(world.prosecutor_a1)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="legality-record"' in page and reverse("legality:record", args=[case.pk]) in page
    url = reverse("legality:record", args=[case.pk])
    bad = client.post(url, {"finding-severity": "risk", "finding-text": ""})
    assert bad.status_code == 400 and not Finding.objects.exists()
    done = client.post(url, {"finding-severity": "risk", "finding-article": "CPC Art. 24", "finding-text": TEXT})
    assert done.status_code == 302 and done["Location"].endswith(f"/cases/{case.pk}/#legality")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert TEXT in page and "CPC art. 24" in page and "Recorded by a prosecutor" in page
    assert Finding.objects.get().created_by == world.prosecutor_a1
    client.force_login(world.investigator_a)
    assert 'id="legality-record"' not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert client.post(url, {"finding-severity": "risk", "finding-text": TEXT}).status_code == 403
    client.force_login(world.prosecutor_b1)
    assert client.post(url, {"finding-severity": "risk", "finding-text": TEXT}).status_code == 404
    assert Finding.objects.count() == 1
