"""If-Match on the complaint actions (as on cases and decisions): a stale version answers 412 and changes
nothing; without If-Match a write goes through, unless the service account requires it (428)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from complaints import services
from complaints.choices import ComplaintStatus
from complaints.models import Complaint
from ecase.choices import Role
from ecase.models import AuditEvent
from ecase.validators import make_iin
from integrations.models import ServiceAccount
from tests.integrations.conftest import CASE

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(world) -> Complaint:
    cache.clear()  # the public filing rate limit
    services.kinds_ensure()
    filed, _key = services.complaint_file(
        actor=None,
        kind="general",
        text="The investigator does not answer my petitions.",
        complainant_name="Aigerim Sultanova",
        complainant_iin=make_iin(date(1985, 6, 15), 1234),
        complainant_email="aigerim@example.kz",
        office_id=world.dist_a1.pk,
    )
    return filed


@pytest.fixture
def office(make_service, world):
    return make_service(name="complaints-desk", organisation=world.dist_a1, role=Role.PROSECUTOR)


def _register(client, complaint, world, **headers):
    body = {"office": world.dist_a1.pk, "executor": world.prosecutor_a1.pk, "kind": "general"}
    return client.post(f"/api/v1/complaints/{complaint.pk}/register/", body, format="json", **headers)


def test_the_complaint_detail_has_an_etag_that_changes_with_it(office, complaint, world):
    client = office.client()
    first = client.get(f"/api/v1/complaints/{complaint.pk}/")["ETag"]
    assert _register(client, complaint, world, HTTP_IF_MATCH=first).status_code == 200
    assert client.get(f"/api/v1/complaints/{complaint.pk}/")["ETag"] != first


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("satisfy", {"answer": "Granted."}),
        ("partially-satisfy", {"answer": "Granted in part."}),
        ("forward", {"body": "Ministry of Labour"}),
        ("propose-refusal", {"answer": "The decision was lawful."}),
        ("extend", {"until": "2099-01-01", "reason": "Awaiting the case file."}),
    ],
)
def test_a_stale_if_match_on_an_action_is_412_and_changes_nothing(office, complaint, world, action, body):
    client = office.client()
    stale = client.get(f"/api/v1/complaints/{complaint.pk}/")["ETag"]
    assert _register(client, complaint, world).status_code == 200  # someone else acted meanwhile
    events = AuditEvent.objects.count()
    response = client.post(f"/api/v1/complaints/{complaint.pk}/{action}/", body, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_REVIEW
    assert AuditEvent.objects.count() == events


def test_a_stale_if_match_on_register_is_412(office, complaint, world):
    client = office.client()
    response = _register(client, complaint, world, HTTP_IF_MATCH='"complaints.complaint.1.0"')
    assert response.status_code == 412
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.SUBMITTED


def test_an_invisible_complaint_stays_404_whatever_if_match(make_service, complaint, world):
    other = make_service(name="other-office", organisation=world.dist_b1, role=Role.PROSECUTOR)
    response = _register(other.client(), complaint, world, HTTP_IF_MATCH='"stale"')
    assert response.status_code == 404


def test_without_if_match_a_write_goes_through_unless_the_account_requires_it(office, complaint, world):
    client = office.client()
    assert _register(client, complaint, world).status_code == 200
    ServiceAccount.objects.filter(pk=office.account.pk).update(require_if_match=True)
    response = client.post(f"/api/v1/complaints/{complaint.pk}/satisfy/", {"answer": "Granted."}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    etag = client.get(f"/api/v1/complaints/{complaint.pk}/")["ETag"]
    response = client.post(
        f"/api/v1/complaints/{complaint.pk}/satisfy/", {"answer": "Granted."}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200 and response.json()["status"] == ComplaintStatus.SATISFIED


def test_a_required_if_match_applies_to_decisions_too(make_service):
    service = make_service(name="police", role=Role.INVESTIGATOR)
    ServiceAccount.objects.filter(pk=service.account.pk).update(require_if_match=True)
    client = service.client()
    case = client.post("/api/v1/cases/", CASE, format="json").json()  # a create: no object, no If-Match
    draft = {"case": case["id"], "kind": "suspension", "text": "Suspended.", "suspension_ground": "45-7-2"}
    decision = client.post("/api/v1/decisions/", draft, format="json").json()
    assert client.post(f"/api/v1/decisions/{decision['id']}/submit/", {}, format="json").status_code == 428
    etag = client.get(f"/api/v1/decisions/{decision['id']}/")["ETag"]
    response = client.post(f"/api/v1/decisions/{decision['id']}/submit/", {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
