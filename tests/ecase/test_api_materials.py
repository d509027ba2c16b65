"""Materials of a case over the API: participants, documents (upload and download), investigative actions,
history. Writes: investigators of the case's body only (403 for a supervising prosecutor, 404 for anyone
who cannot see the case, 409 once the case is closed)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ecase.choices import ActionReview, CaseStatus
from ecase.models import AuditEvent, Document, InvestigativeAction, Participant, Person
from ecase.services.cases import case_apply_transition, participant_add
from ecase.validators import make_iin

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
VALID_IIN = make_iin(date(1985, 3, 14), 1234)


def url(case, suffix: str = "") -> str:
    return f"/api/v1/cases/{case.pk}/{suffix}"


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.fixture
def investigator(world, api_as):
    return api_as(world.investigator_a)


# --- participants -----------------------------------------------------------------------------------------


def test_add_participant_and_list(world, case, investigator):
    payload = {
        "role": "victim",
        "full_name": "Aigerim Nurlanovna Sadykova",
        "iin": VALID_IIN,
        "birth_date": "1985-03-14",
        "phone": "+7 701 000 00 00",
        "email": "aigerim@example.kz",
        "address": "Almaty, Abay ave. 1",
    }
    response = investigator.post(url(case, "participants/"), payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["role"] == "victim"
    assert body["person"]["iin"] == VALID_IIN and body["person"]["birth_date"] == "1985-03-14"
    assert body["added_by"]["id"] == world.investigator_a.pk
    assert AuditEvent.objects.filter(case=case, action="participant.added").count() == 1

    listing = investigator.get(url(case, "participants/")).json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == body["id"]


def test_participant_without_iin(case, investigator):
    response = investigator.post(url(case, "participants/"), {"role": "witness", "full_name": "Unknown witness"})
    assert response.status_code == 201, response.content
    assert response.json()["person"]["iin"] is None


@pytest.mark.parametrize("iin", ["12345", "abcdefghijkl", VALID_IIN[:11] + str((int(VALID_IIN[11]) + 1) % 10)])
def test_wrong_iin_is_400_and_writes_nothing(case, investigator, iin):
    response = investigator.post(url(case, "participants/"), {"role": "victim", "full_name": "X", "iin": iin})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["fields"]) == ["iin"]
    assert Participant.objects.count() == 0 and Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="participant.added").exists()


def test_suspect_role_is_refused_with_an_explanation(case, investigator):
    response = investigator.post(url(case, "participants/"), {"role": "suspect", "full_name": "X", "iin": VALID_IIN})
    assert response.status_code == 400
    assert "approved suspect-recognition decision" in response.json()["fields"]["role"][0]
    assert Participant.objects.count() == 0 and Person.objects.count() == 0


def test_same_person_twice_in_one_role_is_400(case, investigator):
    payload = {"role": "witness", "full_name": "X", "iin": VALID_IIN}
    assert investigator.post(url(case, "participants/"), payload).status_code == 201
    response = investigator.post(url(case, "participants/"), payload)
    assert response.status_code == 400
    assert "role" in response.json()["fields"]
    assert Participant.objects.count() == 1


WRITE_RIGHTS = [
    ("investigator_a2", 201),  # same body
    ("prosecutor_a1", 403),  # sees the case, may not write to it
    ("senior_a", 403),
    ("auditor", 404),  # reads no case contents at all (issue 16)
    ("investigator_a3", 404),  # sibling district's body: cannot see it
    ("investigator_b", 404),
    ("prosecutor_b1", 404),
    ("citizen", 404),
]


@pytest.mark.parametrize("username, expected", WRITE_RIGHTS)
def test_write_rights_on_materials(world, api_as, case, username, expected):
    client = api_as(getattr(world, username))
    now = timezone.now().isoformat()
    writes = [
        ("participants/", {"role": "witness", "full_name": "X"}, "json"),
        ("actions/", {"kind": "interrogation", "performed_at": now, "description": "Questioned."}, "json"),
        ("documents/", {"title": "Report", "file": upload("report.pdf", PDF)}, "multipart"),
    ]
    for suffix, payload, fmt in writes:
        response = client.post(url(case, suffix), payload, format=fmt)
        assert response.status_code == expected, (suffix, response.content)
    if expected != 201:
        assert Participant.objects.count() == 0
        assert InvestigativeAction.objects.count() == 0
        assert Document.objects.count() == 0
        assert media_files() == []


def test_closed_case_takes_no_materials(world, case, investigator):
    with transaction.atomic():
        case_apply_transition(case_id=case.pk, transition="send_to_court", actor=None)
    response = investigator.post(url(case, "participants/"), {"role": "witness", "full_name": "X"})
    assert response.status_code == 409
    assert "Sent to court" in response.json()["message"]
    assert Participant.objects.count() == 0


# --- documents --------------------------------------------------------------------------------------------


def test_upload_and_download_a_document(world, api_as, case, investigator):
    response = investigator.post(
        url(case, "documents/"), {"title": "Inspection report", "file": upload("report.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["size"] == len(PDF)
    assert body["content_type"] == "application/pdf"
    assert body["original_name"] == "report.pdf"
    assert body["title"] == "Inspection report"
    assert body["uploaded_by"]["id"] == world.investigator_a.pk
    assert body["uploaded_at"]
    assert body["download_url"] == f"http://testserver/api/v1/cases/{case.pk}/documents/{body['id']}/download/"

    listing = investigator.get(url(case, "documents/")).json()
    assert [d["id"] for d in listing["results"]] == [body["id"]]

    # The supervising prosecutor may read it; any Accept header is fine for a download.
    download = api_as(world.prosecutor_a1).get(body["download_url"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="report.pdf"'


@pytest.mark.parametrize("username", ["investigator_b", "prosecutor_a2", "investigator_a3", "citizen"])
def test_download_is_404_for_those_who_cannot_see_the_case(world, api_as, case, investigator, username):
    doc_id = investigator.post(url(case, "documents/"), {"file": upload("a.pdf", PDF)}, format="multipart").json()["id"]
    response = api_as(getattr(world, username)).get(url(case, f"documents/{doc_id}/download/"))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_download_through_another_case_is_404(world, make_case, case, investigator):
    other = make_case()
    doc_id = investigator.post(url(case, "documents/"), {"file": upload("a.pdf", PDF)}, format="multipart").json()["id"]
    assert investigator.get(url(other, f"documents/{doc_id}/download/")).status_code == 404
    assert investigator.get(url(case, "documents/abc/download/")).status_code == 404
    assert investigator.get(url(case, "documents/99999999999999999999/download/")).status_code == 404


@pytest.mark.parametrize(
    "name, content",
    [
        ("tool.exe", b"MZ\x90\x00binary"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("fake.pdf", b"this is not a pdf at all"),
        ("noextension", PDF),
    ],
)
def test_disallowed_or_mismatched_type_is_400(case, investigator, name, content):
    response = investigator.post(url(case, "documents/"), {"file": upload(name, content)}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["file"]
    assert Document.objects.count() == 0
    assert media_files() == []


def test_empty_file_is_400(case, investigator):
    response = investigator.post(url(case, "documents/"), {"file": upload("a.pdf", b"")}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["fields"]


def test_oversized_upload_is_413_and_writes_nothing(settings, case, investigator):
    settings.DOCUMENT_MAX_SIZE = 4096
    response = investigator.post(
        url(case, "documents/"), {"file": upload("big.pdf", PDF + b"0" * 5000)}, format="multipart"
    )
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_large" and body["fields"] == {}
    assert Document.objects.count() == 0
    assert media_files() == []
    assert not AuditEvent.objects.filter(action="document.uploaded").exists()


def test_upload_needs_multipart(case, investigator):
    response = investigator.post(url(case, "documents/"), {"title": "x", "file": "aGVsbG8="}, format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_missing_file_in_storage_is_404_not_500(case, investigator):
    doc_id = investigator.post(url(case, "documents/"), {"file": upload("a.pdf", PDF)}, format="multipart").json()["id"]
    for path in media_files():
        path.unlink()
    response = investigator.get(url(case, f"documents/{doc_id}/download/"))
    assert response.status_code == 404


# --- investigative actions --------------------------------------------------------------------------------


def test_rights_restricting_action_without_basis_awaits_review(world, case, investigator):
    performed = (timezone.now() - timedelta(hours=2)).isoformat()
    response = investigator.post(
        url(case, "actions/"),
        {"kind": "search", "performed_at": performed, "description": "Urgent search of the flat."},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["restricts_rights"] is True
    assert body["review"] == ActionReview.AWAITING_REVIEW
    assert body["performed_by"]["id"] == world.investigator_a.pk

    plain = investigator.post(
        url(case, "actions/"),
        {"kind": "interrogation", "performed_at": performed, "description": "Questioned the victim."},
        format="json",
    ).json()
    assert plain["restricts_rights"] is False and plain["review"] == ActionReview.NOT_REQUIRED
    assert investigator.get(url(case, "actions/")).json()["count"] == 2


def test_action_input_errors(case, investigator):
    future = (timezone.now() + timedelta(days=1)).isoformat()
    response = investigator.post(
        url(case, "actions/"), {"kind": "search", "performed_at": future, "description": "x"}, format="json"
    )
    assert response.status_code == 400 and "performed_at" in response.json()["fields"]
    response = investigator.post(
        url(case, "actions/"), {"kind": "torture", "performed_at": "yesterday", "description": ""}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind", "performed_at", "description"}
    assert InvestigativeAction.objects.count() == 0


# --- history ----------------------------------------------------------------------------------------------


def test_history_shows_registration_and_later_events(world, case, investigator, api_as):
    participant_add(case_id=case.pk, actor=world.investigator_a, role="witness", full_name="W")
    body = api_as(world.prosecutor_a1).get(url(case, "history/")).json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["action"] == "case.registered"
    assert first["actor"] == {"id": world.investigator_a.pk, "name": world.investigator_a.get_full_name()}
    assert first["object_type"] == "ecase.case" and first["object_id"] == str(case.pk)
    assert first["to_state"] == CaseStatus.INVESTIGATING and first["from_state"] == ""
    assert first["data"]["number"] == case.number
    assert len(first["mac"]) == 64 and first["position"] is None and first["link"] == ""  # linked within seconds
    assert set(first) == {
        "seq",
        "occurred_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
        "reason",
        "data",
        "mac",
        "position",
        "link",
    }
    assert second["action"] == "participant.added" and second["seq"] > first["seq"]


def test_history_is_paginated(world, case, investigator):
    for i in range(3):
        participant_add(case_id=case.pk, actor=world.investigator_a, role="witness", full_name=f"W{i}")
    page = investigator.get(url(case, "history/?page_size=2")).json()
    assert page["count"] == 4 and len(page["results"]) == 2 and page["next"]
    assert investigator.get(url(case, "history/?page=99")).status_code == 404
