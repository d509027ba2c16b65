"""The office's complaints API: visibility, one action per transition, error shapes, query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint, ComplaintExplanation
from ecase.models import AuditEvent

from .conftest import IIN

pytestmark = pytest.mark.django_db

BASE = "/api/v1/complaints/"


def url(complaint, action=""):
    return f"{BASE}{complaint.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def three_offices(world, file_complaint):
    a1, _ = file_complaint(actor=world.citizen, office_id=world.dist_a1.pk)
    a2, _ = file_complaint(office_id=world.dist_a2.pk)
    b1, _ = file_complaint(actor=world.citizen2, office_id=world.dist_b1.pk)
    return a1, a2, b1


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("prosecutor_a1", {"a1"}),
        ("senior_a1", {"a1"}),
        ("prosecutor_a2", {"a2"}),
        ("senior_a", {"a1", "a2"}),
        ("prosecutor_b1", {"b1"}),
        ("auditor", {"a1", "a2", "b1"}),
        ("investigator_a", set()),
        ("judge_a", set()),
        ("citizen", {"a1"}),
        ("citizen2", {"b1"}),
    ],
)
def test_list_visibility(username, sees, world, api_as, three_offices):
    names = dict(zip(("a1", "a2", "b1"), three_offices, strict=True))
    response = api_as(getattr(world, username)).get(BASE)
    assert response.status_code == 200
    got = {r["tracking_number"] for r in response.json()["results"]}
    assert got == {names[n].tracking_number for n in sees}
    for complaint in three_offices:
        detail = api_as(getattr(world, username)).get(url(complaint))
        visible = complaint.tracking_number in got
        assert detail.status_code == (200 if visible else 404)


def test_citizen_a_gets_404_for_citizen_b(world, api_as, three_offices):
    _a1, _a2, b1 = three_offices
    response = api_as(world.citizen).get(url(b1))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": response.json()["message"], "fields": {}}
    assert api_as(world.citizen).post(url(b1, "appeal"), {"text": "x"}, format="json").status_code == 404


def test_citizen_sees_the_citizen_shape(world, api_as, three_offices):
    body = api_as(world.citizen).get(url(three_offices[0])).json()
    assert "complainant_iin" not in body and "executor" not in body
    assert body["office"] is None  # not shown before registration
    staff = api_as(world.prosecutor_a1).get(url(three_offices[0])).json()
    assert staff["complainant_iin"] and staff["office"]["code"] == "dist-a1"


def test_full_flow_through_the_api(world, api_as, file_complaint):
    complaint, _ = file_complaint(actor=world.citizen)
    p, senior = api_as(world.prosecutor_a1), api_as(world.senior_a1)
    r = p.post(
        url(complaint, "register"), {"office": world.dist_a1.pk, "executor": world.prosecutor_a1.pk}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == S.IN_REVIEW
    r = p.post(url(complaint, "propose-refusal"), {"answer": "The decision was lawful."}, format="json")
    assert r.status_code == 200 and r.json()["status"] == S.REFUSAL_PENDING_EXPLANATION
    explanation = {
        "held_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
        "form": "video_call",
        "participants": "Senior prosecutor A1; the complainant",
        "summary": "Explained the grounds.",
    }
    r = p.post(url(complaint, "explanations"), explanation, format="json")
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    r = senior.post(url(complaint, "explanations"), explanation, format="json")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == S.REFUSED
    assert (
        body["explanation"]["form"] == "video_call" and body["explanation"]["recorded_by"]["id"] == world.senior_a1.pk
    )
    history = p.get(url(complaint, "history")).json()
    assert [e["action"] for e in history] == [
        "complaint.filed",
        "complaint.register",
        "complaint.propose_refusal",
        "complaint.record_explanation",
    ]
    r = api_as(world.citizen).post(url(complaint, "appeal"), {"text": "I disagree."}, format="json")
    assert r.status_code == 201 and r.json()["appeal_of"] == complaint.tracking_number


def test_there_is_no_other_way_to_refused(world, api_as, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    senior = api_as(world.senior_a1)
    assert senior.post(url(complaint, "refuse"), {}, format="json").status_code == 404
    assert senior.patch(url(complaint), {"status": "refused"}, format="json").status_code == 405
    assert senior.put(url(complaint), {"status": "refused"}, format="json").status_code == 405
    r = senior.post(url(complaint, "explanations"), {"form": "phone"}, format="json")  # no explanation given
    assert r.status_code == 400
    assert set(r.json()["fields"]) == {"held_at", "participants", "summary"}
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSAL_PENDING_EXPLANATION
    assert ComplaintExplanation.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "payload", "fields"),
    [
        ("register", {"office": "abc", "executor": None}, {"office", "executor"}),
        ("register", {}, {"office", "executor"}),
        ("satisfy", {"answer": ""}, {"answer"}),
        ("satisfy", {"answer": ["a", "b"]}, {"answer"}),
        ("forward", {"answer": "x"}, {"body"}),
        ("explanations", {"held_at": "yesterday", "form": "email", "participants": "x", "summary": "y"}, None),
        ("extend", {"until": "31.02.2027", "reason": "x"}, {"until"}),
        ("extend", {"until": "2027-01-01"}, {"reason"}),
        ("appeal", {"text": 5}, None),
    ],
)
def test_bad_input_answers_400_with_field_errors(action, payload, fields, world, api_as, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    before = AuditEvent.objects.count()
    r = api_as(world.senior_a1).post(url(complaint, action), payload, format="json")
    if fields is None:
        assert r.status_code in (400, 409)
    else:
        assert r.status_code == 400
        assert r.json()["code"] == "invalid" and set(r.json()["fields"]) == fields
    assert AuditEvent.objects.count() == before


def test_malformed_json_and_wrong_content_type(world, api_as, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    client = api_as(world.prosecutor_a1)
    r = client.post(url(complaint, "satisfy"), "{not json", content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "parse_error"
    r = client.post(url(complaint, "satisfy"), "answer", content_type="text/plain")
    assert r.status_code == 415


def test_wrong_state_is_409_and_other_office_is_404(world, api_as, complaint_in):
    complaint = complaint_in(S.SATISFIED)
    r = api_as(world.prosecutor_a1).post(url(complaint, "satisfy"), {"answer": "Again."}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    r = api_as(world.prosecutor_b1).post(url(complaint, "satisfy"), {"answer": "Mine."}, format="json")
    assert r.status_code == 404
    assert api_as(world.prosecutor_a1).get(f"{BASE}abc/").status_code == 404
    assert api_as(world.prosecutor_a1).get(f"{BASE}99999999999999999999999/").status_code == 404
    r = api_as(world.prosecutor_a1).post(f"{BASE}99999999999999999999999/satisfy/", {"answer": "x"}, format="json")
    assert r.status_code == 404


def test_register_rejects_offices_and_executors_outside_the_subtree(world, api_as, complaint_in):
    complaint = complaint_in(S.SUBMITTED)
    client = api_as(world.prosecutor_a1)
    r = client.post(
        url(complaint, "register"), {"office": world.dist_b1.pk, "executor": world.prosecutor_b1.pk}, format="json"
    )
    assert r.status_code == 400 and "office" in r.json()["fields"]
    r = client.post(
        url(complaint, "register"), {"office": world.dist_a1.pk, "executor": world.investigator_a.pk}, format="json"
    )
    assert r.status_code == 400 and "executor" in r.json()["fields"]
    r = client.post(url(complaint, "register"), {"office": world.dist_a1.pk, "executor": 10**12}, format="json")
    assert r.status_code == 400
    assert Complaint.objects.get(pk=complaint.pk).status == S.SUBMITTED


def test_unauthenticated_is_401(api):
    assert api.get(BASE).status_code == 401


def test_staff_intake_and_citizens_cannot_use_it(world, api_as):
    payload = {
        "kind": "general",
        "text": "Letter received by mail.",
        "complainant_name": "Bolat Ermekov",
        "complainant_iin": IIN,
        "office": world.dist_a1.pk,
        "channel": "mail",
    }
    r = api_as(world.prosecutor_a1).post(BASE, payload, format="json")
    assert r.status_code == 201 and r.json()["channel"] == "mail"
    assert api_as(world.citizen).post(BASE, payload, format="json").status_code == 403
    assert api_as(world.prosecutor_a1).post(BASE, {**payload, "channel": "web"}, format="json").status_code == 400


def test_filters(world, api_as, complaint_in):
    complaint_in(S.SUBMITTED)
    complaint_in(S.IN_REVIEW, kind="procedural")
    complaint_in(S.SATISFIED)
    client = api_as(world.prosecutor_a1)
    assert client.get(BASE, {"status": "in_review"}).json()["count"] == 1
    assert client.get(BASE, {"kind": "procedural"}).json()["count"] == 1
    assert client.get(BASE, {"overdue": "true"}).json()["count"] == 0
    assert client.get(BASE, {"status": "nonsense"}).status_code == 400


def _make_many(world, file_complaint, n):
    for i in range(n):
        complaint, _ = file_complaint(actor=world.citizen if i % 2 else None, kind="procedural" if i % 3 else "general")
        if i % 2:
            services.complaint_register(
                complaint_id=complaint.pk,
                actor=world.prosecutor_a1,
                office_id=world.dist_a1.pk,
                executor_id=world.prosecutor_a1.pk,
            )


def test_list_query_count_does_not_grow_with_the_page(world, api_as, file_complaint, django_assert_num_queries):
    client = api_as(world.prosecutor_a1)
    _make_many(world, file_complaint, 3)
    with django_assert_num_queries(3) as small:  # count, page, prefetched attachments
        assert client.get(BASE).json()["count"] == 3
    _make_many(world, file_complaint, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(BASE).json()["count"] == 23
