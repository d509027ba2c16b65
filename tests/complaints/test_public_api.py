"""The public API: filing without staff rights, tracking with the access key, rate limits, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint
from ecase.models import AuditEvent, Document
from ecase.services.tokens import token_issue
from ecase.validators import make_iin

from .conftest import IIN

pytestmark = pytest.mark.django_db

FILE = "/api/v1/public/complaints/"


def status_url(number):
    return f"{FILE}{number}/"


@pytest.fixture
def payload(world):
    return {
        "kind": "general",
        "text": "The police do not register my report.",
        "complainant_name": "Aigerim Sultanova",
        "complainant_iin": IIN,
        "complainant_email": "aigerim@example.kz",
        "office": world.dist_a1.pk,
    }


def counts():
    return Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count()


def test_anonymous_filing_and_status_with_the_key(api, payload):
    r = api.post(FILE, payload, format="json")
    assert r.status_code == 201
    body = r.json()
    number, key = body["tracking_number"], body["access_key"]
    assert key and body["status"] == S.SUBMITTED and body["status_url"] == status_url(number)
    complaint = Complaint.objects.get(tracking_number=number)
    assert key not in complaint.access_key_hash and complaint.channel == "api"
    by_header = APIClient().get(status_url(number), HTTP_X_ACCESS_KEY=key)
    assert by_header.status_code == 200
    assert by_header.json()["status"] == S.SUBMITTED and "complainant_iin" not in by_header.json()
    assert APIClient().get(status_url(number), {"key": key}).status_code == 200


def test_wrong_key_and_unknown_number_answer_the_same_404(api, payload):
    number = api.post(FILE, payload, format="json").json()["tracking_number"]
    wrong = APIClient().get(status_url(number), HTTP_X_ACCESS_KEY="AAAA-BBBB-CCCC-DDDD")
    unknown = APIClient().get(status_url("2026-0000-0000"), HTTP_X_ACCESS_KEY="AAAA-BBBB-CCCC-DDDD")
    missing = APIClient().get(status_url(number))
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json() == unknown.json() == missing.json()


def test_wrong_iin_is_400_and_writes_nothing(api, payload):
    before = counts()
    r = api.post(FILE, {**payload, "complainant_iin": "123456789012"}, format="json")
    assert r.status_code == 400 and "complainant_iin" in r.json()["fields"]
    assert counts() == before


def test_oversized_attachment_is_413_and_writes_nothing(api, payload, settings):
    settings.DOCUMENT_MAX_SIZE = 2000
    before = counts()
    small = SimpleUploadedFile("ok.txt", b"hello", content_type="text/plain")
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 5000, content_type="application/pdf")
    r = api.post(FILE, {**payload, "attachments": [small, big]}, format="multipart")
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    assert counts() == before


def test_multipart_filing_with_attachments(api, payload):
    files = [
        SimpleUploadedFile("a.txt", "Свидетельство".encode(), content_type="text/plain"),
        SimpleUploadedFile("b.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
    ]
    r = api.post(FILE, {**payload, "attachments": files}, format="multipart")
    assert r.status_code == 201
    complaint = Complaint.objects.get(tracking_number=r.json()["tracking_number"])
    assert sorted(d.original_name for d in complaint.documents.all()) == ["a.txt", "b.pdf"]
    assert all(d.uploaded_by is None for d in complaint.documents.all())


def test_wrong_file_type_is_400(api, payload):
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    before = counts()
    r = api.post(FILE, {**payload, "attachments": [exe]}, format="multipart")
    assert r.status_code == 400 and "file" in r.json()["fields"]
    assert counts() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"kind": "general"},
        {"kind": 5, "text": [], "complainant_name": {}, "complainant_iin": 1},
        {"kind": "no-such-kind", "text": "x", "complainant_name": "x", "complainant_iin": IIN, "office": 1},
    ],
)
def test_bad_input_is_400(api, body):
    before = counts()
    r = api.post(FILE, body, format="json")
    assert r.status_code == 400 and r.json()["code"] == "invalid"
    assert counts() == before


def test_malformed_json_is_400(api):
    r = api.post(FILE, "{", content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "parse_error"


def test_office_must_be_a_prosecutor_office(api, payload, world):
    r = api.post(FILE, {**payload, "office": world.police_a1.pk}, format="json")
    assert r.status_code == 400 and "office" in r.json()["fields"]
    for bad in ("x", 10**30, -1, 1.5):
        r = api.post(FILE, {**payload, "office": bad}, format="json")
        assert r.status_code == 400 and "office" in r.json()["fields"], bad


@pytest.mark.usefixtures("one_window")
def test_a_flood_of_filings_is_429_and_writes_nothing(api, payload, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "public": "3/min"},
    }
    for n in range(3):
        iin = make_iin(date(1980, 1, 1 + n), 100 + n)
        assert api.post(FILE, {**payload, "complainant_iin": iin}, format="json").status_code == 201
    before = counts()
    r = api.post(FILE, payload, format="json")
    assert r.status_code == 429 and r.json()["code"] == "throttled"
    assert int(r["Retry-After"]) > 0
    assert counts() == before


@pytest.mark.usefixtures("one_window")
def test_one_iin_from_many_addresses_is_limited_too(payload, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "public": "2/min"},
    }
    codes = [APIClient(REMOTE_ADDR=f"10.0.0.{n}").post(FILE, payload, format="json").status_code for n in range(1, 5)]
    assert codes == [201, 201, 429, 429]
    assert Complaint.objects.count() == 2


@pytest.mark.usefixtures("one_window")
def test_a_flood_of_lookups_is_429(api, payload, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "public_lookup": "3/min"},
    }
    codes = [APIClient().get(status_url("2026-0000-0000"), HTTP_X_ACCESS_KEY="x").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_citizen_with_a_token_files_without_a_key_and_sees_it_under_complaints(world, payload):
    _token, raw = token_issue(user=world.citizen)
    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw}")
    r = client.post(FILE, payload, format="json")
    assert r.status_code == 201 and r.json()["access_key"] == ""
    complaint = Complaint.objects.get(tracking_number=r.json()["tracking_number"])
    assert complaint.complainant == world.citizen
    mine = client.get("/api/v1/complaints/").json()
    assert [c["tracking_number"] for c in mine["results"]] == [complaint.tracking_number]
    other = APIClient(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=world.citizen2)[1]}")
    assert other.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404


def test_staff_use_the_staff_intake(world, payload):
    _token, raw = token_issue(user=world.prosecutor_a1)
    r = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw}").post(FILE, payload, format="json")
    assert r.status_code == 403


def test_status_shows_the_answer_and_the_explanation_record_only_when_final(world, api, payload, complaint_in):
    filed = api.post(FILE, payload, format="json").json()
    number, key = filed["tracking_number"], filed["access_key"]
    complaint = Complaint.objects.get(tracking_number=number)
    services.complaint_register(
        complaint_id=complaint.pk,
        actor=world.prosecutor_a1,
        office_id=world.dist_a1.pk,
        executor_id=world.prosecutor_a1.pk,
    )
    services.complaint_propose_refusal(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="Lawful.")
    pending = APIClient().get(status_url(number), HTTP_X_ACCESS_KEY=key).json()
    assert pending["status"] == S.REFUSAL_PENDING_EXPLANATION
    assert pending["answer"] == "" and pending["explanation"] is None and pending["explanation_due_at"]
    services.complaint_record_explanation(
        complaint_id=complaint.pk,
        actor=world.senior_a1,
        held_at=timezone.now(),
        form="in_person",
        participants="The complainant",
        summary="Reasons explained at the office.",
    )
    final = APIClient().get(status_url(number), HTTP_X_ACCESS_KEY=key).json()
    assert final["status"] == S.REFUSED and final["answer"] == "Lawful."
    assert final["explanation"]["summary"] == "Reasons explained at the office."
    assert final["office"]["code"] == "dist-a1"


def test_public_appeal_with_the_key(world, api, payload):
    body = api.post(FILE, payload, format="json").json()
    complaint = Complaint.objects.get(tracking_number=body["tracking_number"])
    appeal_url = status_url(body["tracking_number"]) + "appeal/"
    r = APIClient().post(appeal_url, {"text": "x"}, format="json", HTTP_X_ACCESS_KEY=body["access_key"])
    assert r.status_code == 409  # not answered yet
    services.complaint_register(
        complaint_id=complaint.pk,
        actor=world.prosecutor_a1,
        office_id=world.dist_a1.pk,
        executor_id=world.prosecutor_a1.pk,
    )
    services.complaint_partially_satisfy(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="In part.")
    assert APIClient().post(appeal_url, {"text": "x"}, format="json", HTTP_X_ACCESS_KEY="bad").status_code == 404
    assert APIClient().post(appeal_url, {}, format="json", HTTP_X_ACCESS_KEY=body["access_key"]).status_code == 400
    r = APIClient().post(appeal_url, {"text": "I disagree."}, format="json", HTTP_X_ACCESS_KEY=body["access_key"])
    assert r.status_code == 201 and r.json()["appeal_of"] == body["tracking_number"]
