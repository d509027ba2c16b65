"""The API flow of an integrator: get the bytes to sign, sign them with one's own key, approve with the CMS;
then anyone who sees the decision downloads the CMS and the payload and checks them offline with openssl."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest

from approvals.choices import DecisionKind, DecisionStatus
from signatures.models import PersonalSignature

URL = "/api/v1/decisions/"


def _payload(api, decision, action="approve") -> bytes:
    response = api.get(f"{URL}{decision.pk}/signing-payload/?action={action}")
    assert response.status_code == 200, response.content
    return base64.b64decode(response.json()["payload"])


def test_approve_with_a_client_made_signature(decisions, world, demo_pki, api_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    api = api_as(world.prosecutor_a1)
    cms = demo_pki.sign(world.prosecutor_a1, _payload(api, decision))
    response = api.post(f"{URL}{decision.pk}/approve/", {"signature": base64.b64encode(cms).decode()}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == DecisionStatus.APPROVED
    body = api_as(world.investigator_a).get(f"{URL}{decision.pk}/signature/").json()
    assert body["valid"] and body["algorithm"] == "HMAC-SHA256"  # the server's seal, still there
    [personal] = body["personal"]
    assert personal["action"] == "approve" and personal["valid_now"] and personal["valid_at_signing"]
    assert base64.b64decode(personal["cms"]) == cms
    assert "eCase Demo Personal CA" in personal["certificate"]["issuer"]


def test_a_bad_signature_answers_400_and_changes_nothing(decisions, world, demo_pki, api_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    api = api_as(world.prosecutor_a1)
    cms = demo_pki.sign(world.prosecutor_a2, _payload(api, decision))
    for value in (base64.b64encode(cms).decode(), "%%% not base64"):
        response = api.post(f"{URL}{decision.pk}/approve/", {"signature": value}, format="json")
        assert response.status_code == 400, response.content
        assert "signature" in response.json()["fields"]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING and not PersonalSignature.objects.exists()


def test_the_signing_payload_is_only_for_who_may_act(decisions, world, demo_pki, api_as):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    url = f"{URL}{decision.pk}/signing-payload/"
    assert api_as(world.investigator_a).get(f"{url}?action=approve").status_code == 403
    assert api_as(world.investigator_b).get(f"{url}?action=approve").status_code == 404
    assert api_as(world.prosecutor_a1).get(f"{url}?action=explode").status_code == 400


def test_the_demo_signer_only_for_demo_keys(world, demo_pki, api_as, settings):
    payload = base64.b64encode(b"bytes").decode()
    response = api_as(world.prosecutor_a1).post("/api/v1/signatures/demo-sign/", {"payload": payload}, format="json")
    assert response.status_code == 200 and response.json()["cms"]
    other = api_as(world.senior_a).post("/api/v1/signatures/demo-sign/", {"payload": payload}, format="json")
    assert other.status_code == 403
    settings.SIGNATURE_DEMO_SIGNER = False
    off = api_as(world.prosecutor_a1).post("/api/v1/signatures/demo-sign/", {"payload": payload}, format="json")
    assert off.status_code == 403


@pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl binary is not installed")
def test_openssl_verifies_the_exported_signature(decisions, world, demo_pki, api_as, tmp_path):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    api = api_as(world.prosecutor_a1)
    cms = demo_pki.sign(world.prosecutor_a1, _payload(api, decision))
    api.post(f"{URL}{decision.pk}/approve/", {"signature": base64.b64encode(cms).decode()}, format="json")
    [personal] = api_as(world.investigator_a).get(f"{URL}{decision.pk}/signature/").json()["personal"]
    (tmp_path / "sig.der").write_bytes(base64.b64decode(personal["cms"]))
    payload = base64.b64decode(personal["payload"])
    (tmp_path / "payload.bin").write_bytes(payload)
    command = [
        "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "sig.der"),
        "-content", str(tmp_path / "payload.bin"), "-CAfile", str(demo_pki.directory / "ca-bundle.pem"),
        "-purpose", "any", "-out", str(tmp_path / "out.bin"),
    ]  # fmt: skip
    ok = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert ok.returncode == 0 and "Verification successful" in ok.stderr, ok.stderr
    altered = bytearray(payload)
    altered[len(altered) // 2] ^= 0x01
    (tmp_path / "payload.bin").write_bytes(bytes(altered))
    failed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert failed.returncode != 0 and "Verification failure" in failed.stderr, failed.stderr


def test_the_case_export_carries_the_cms_and_the_payload(decisions, world, demo_pki, api_as):
    from ecase.audit.export import audit_case_export
    from ecase.audit.linker import audit_link

    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    api = api_as(world.prosecutor_a1)
    cms = demo_pki.sign(world.prosecutor_a1, _payload(api, decision))
    api.post(f"{URL}{decision.pk}/approve/", {"signature": base64.b64encode(cms).decode()}, format="json")
    audit_link()
    exported = audit_case_export(case=decision.case)
    signed = [
        e["content"] for e in exported["events"] + exported["uncovered"] if "personally_signed" in str(e["content"])
    ]
    assert len(signed) == 1
    assert base64.b64encode(cms).decode() in str(signed[0])
    payload = bytes(PersonalSignature.objects.get().payload)
    assert base64.b64encode(payload).decode() in str(signed[0])
