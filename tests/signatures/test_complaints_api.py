"""Complaint signatures through the API (an integrator's own key) and the web page (the form's own bytes):
the bytes to sign, a 400 in the error shape that writes nothing, the signatures endpoint, openssl offline,
the case audit export, and the complaint page showing the signer and the result."""

from __future__ import annotations

import base64
import shutil
import subprocess
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from complaints.choices import ComplaintStatus as S
from signatures.models import PersonalSignature
from tests.complaints.conftest import logged_in

URL = "/api/v1/complaints/"
ANSWER = "Your petition has been granted."


def _bytes(api, complaint, **data) -> bytes:
    response = api.post(f"{URL}{complaint.pk}/signing-payload/", data, format="json")
    assert response.status_code == 200, response.content
    return base64.b64decode(response.json()["payload"])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_answer_with_a_client_made_signature(world, complaint_in, demo_pki, api_as, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.satisfy"]
    complaint = complaint_in(S.IN_REVIEW)
    api = api_as(world.prosecutor_a1)
    payload = _bytes(api, complaint, action="satisfy", answer=ANSWER)
    cms = demo_pki.sign(world.prosecutor_a1, payload)
    response = api.post(f"{URL}{complaint.pk}/satisfy/", {"answer": ANSWER, "signature": _b64(cms)}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.SATISFIED
    [record] = api_as(world.senior_a1).get(f"{URL}{complaint.pk}/signature/").json()
    assert record["action"] == "satisfy" and record["valid_now"] and record["valid_at_signing"]
    assert base64.b64decode(record["cms"]) == cms and base64.b64decode(record["payload"]) == payload


def test_unsigned_or_badly_signed_answers_are_400_and_write_nothing(world, complaint_in, demo_pki, api_as, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.propose-refusal"]
    complaint = complaint_in(S.IN_REVIEW)
    api = api_as(world.prosecutor_a1)
    other = demo_pki.sign(world.prosecutor_a1, _bytes(api, complaint, action="propose-refusal", answer="Other text."))
    for extra in ({}, {"signature": _b64(other)}, {"signature": "%%% not base64"}):
        response = api.post(f"{URL}{complaint.pk}/propose-refusal/", {"answer": ANSWER, **extra}, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["fields"]["signature"] and response.json()["message"]
    complaint.refresh_from_db()
    assert complaint.status == S.IN_REVIEW and not PersonalSignature.objects.exists()


def test_the_explanation_record_is_signed_through_the_api(world, complaint_in, demo_pki, api_as, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.record-explanation"]
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    api = api_as(world.senior_a1)
    held_at = (timezone.now() - timedelta(minutes=1)).replace(microsecond=0)
    record = {
        "held_at": held_at.astimezone(ZoneInfo("Asia/Almaty")).isoformat(),
        "form": "phone",
        "participants": "Senior prosecutor; the complainant",
        "summary": "Explained.",
    }
    payload = _bytes(api, complaint, action="record-explanation", **record)
    assert b'"summary":"Explained."' in payload and held_at.astimezone(UTC).isoformat().encode() in payload
    cms = demo_pki.sign(world.senior_a1, payload)
    response = api.post(f"{URL}{complaint.pk}/explanations/", {**record, "signature": _b64(cms)}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.REFUSED


def test_the_bytes_to_sign_only_for_who_may_act(world, complaint_in, api_as):
    complaint = complaint_in(S.IN_REVIEW)
    url = f"{URL}{complaint.pk}/signing-payload/"
    data = {"action": "satisfy", "answer": ANSWER}
    assert api_as(world.prosecutor_a1).post(url, {"action": "explode"}, format="json").status_code == 400
    assert api_as(world.prosecutor_a1).post(url, {"action": "satisfy"}, format="json").status_code == 400
    assert api_as(world.prosecutor_b1).post(url, data, format="json").status_code == 404
    explanation = {"action": "record-explanation", "held_at": "2026-01-01T10:00:00Z", "form": "phone",
                   "participants": "x", "summary": "y"}  # fmt: skip
    assert api_as(world.prosecutor_a1).post(url, explanation, format="json").status_code == 403


@pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl binary is not installed")
def test_openssl_verifies_an_exported_answer_signature_and_the_case_export_carries_it(
    world, complaint_in, demo_pki, api_as, make_case, tmp_path
):
    from ecase.audit.export import audit_case_export
    from ecase.audit.linker import audit_link

    case = make_case()
    complaint = complaint_in(S.IN_REVIEW, case_number=case.number)
    assert complaint.case_id == case.pk
    api = api_as(world.prosecutor_a1)
    cms = demo_pki.sign(world.prosecutor_a1, _bytes(api, complaint, action="satisfy", answer=ANSWER))
    api.post(f"{URL}{complaint.pk}/satisfy/", {"answer": ANSWER, "signature": _b64(cms)}, format="json")
    [record] = api.get(f"{URL}{complaint.pk}/signature/").json()
    payload = base64.b64decode(record["payload"])
    (tmp_path / "sig.der").write_bytes(base64.b64decode(record["cms"]))
    (tmp_path / "payload.bin").write_bytes(payload)
    command = [
        "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "sig.der"),
        "-content", str(tmp_path / "payload.bin"), "-CAfile", str(demo_pki.directory / "ca-bundle.pem"),
        "-purpose", "any", "-out", str(tmp_path / "out.bin"),
    ]  # fmt: skip
    ok = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert ok.returncode == 0 and "Verification successful" in ok.stderr, ok.stderr
    (tmp_path / "payload.bin").write_bytes(payload.replace(b"granted", b"grantee"))
    failed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert failed.returncode != 0 and "Verification failure" in failed.stderr, failed.stderr
    audit_link()
    exported = audit_case_export(case=case)
    signed = [e["content"] for e in exported["events"] + exported["uncovered"] if "personally_signed" in str(e)]
    assert len(signed) == 1 and _b64(cms) in str(signed[0]) and _b64(payload) in str(signed[0])


def test_the_web_page_signs_with_the_forms_own_bytes_and_shows_the_result(world, complaint_in, demo_pki, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.satisfy"]
    complaint = complaint_in(S.IN_REVIEW)
    client = logged_in(world.prosecutor_a1)
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert f'data-sign-payload="/complaints/{complaint.pk}/satisfy/signing-payload/"' in page
    assert 'src="/jsi18n/"' in page
    form = {"satisfy-answer": ANSWER}
    invalid = client.post(f"/complaints/{complaint.pk}/satisfy/signing-payload/", {"satisfy-answer": ""})
    assert invalid.status_code == 400 and "answer" in invalid.json()["fields"]
    response = client.post(f"/complaints/{complaint.pk}/satisfy/signing-payload/", form)
    assert response.status_code == 200
    cms = demo_pki.sign(world.prosecutor_a1, base64.b64decode(response.json()["payload"]))
    unsigned = client.post(f"/complaints/{complaint.pk}/satisfy/", form)
    assert unsigned.status_code == 400 and "personal key" in unsigned.content.decode()
    assert not PersonalSignature.objects.exists()
    done = client.post(f"/complaints/{complaint.pk}/satisfy/", {**form, "signature": _b64(cms)})
    assert done.status_code == 302, done.content.decode()[:2000]
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'id="personal-signatures"' in page and "signature-valid" in page
    assert (world.prosecutor_a1.get_full_name() or world.prosecutor_a1.username) in page
