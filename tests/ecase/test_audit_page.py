"""The auditor's page and the export of a case's trail that verifies offline (scripts/verify_audit_export.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ecase.audit.checkpoints import audit_checkpoint_write, public_key_pem
from ecase.audit.linker import audit_link
from ecase.models import Case

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "verify_audit_export.py"


def _script():
    spec = importlib.util.spec_from_file_location("verify_audit_export", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def trail(world, make_case) -> Case:
    first = make_case(summary="The case whose trail is exported.")
    make_case(summary="Another case.")
    audit_checkpoint_write()
    for i in range(3):
        make_case(summary=f"Later case {i}.")
    from django.db import transaction

    from ecase.audit.services import audit_record

    with transaction.atomic():
        audit_record(action="case.viewed", obj=first, actor=world.prosecutor_a1, case=first, data={"n": [1, "ä"]})
    audit_link()
    audit_checkpoint_write()
    return first


def _export(client, world, case: Case) -> dict:
    client.force_login(world.auditor)
    response = client.get("/audit/export/", {"case": case.number})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="case-{case.number}-audit.json"'
    return json.loads(response.content)


def test_export_verifies_offline_and_a_modified_one_fails(client, world, trail, tmp_path):
    export = _export(client, world, trail)
    assert [e["content"]["action"] for e in export["events"]] == ["case.registered", "case.viewed"]
    assert set(export["checkpoints"]) == {"000000000001.json", "000000000002.json"}
    script = _script()
    assert script.verify(export) == []
    assert script.verify(export, public_key_pem().encode()) == []

    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stdout.startswith("OK: 2 events")

    for tamper in (
        lambda e: e["events"][0]["content"].__setitem__("reason", "rewritten"),
        lambda e: e["events"][1]["content"]["data"].__setitem__("n", [2]),
        lambda e: e["events"][1].__setitem__("position", e["events"][1]["position"] + 1),
        lambda e: e["checkpoints"]["000000000001.json"]["checkpoint"].__setitem__("events", 99),
    ):
        modified = copy.deepcopy(export)
        tamper(modified)
        assert script.verify(modified), "a modified export must fail"
    path.write_text(json.dumps(modified), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 1 and run.stdout.startswith("FAILED")


def test_export_under_another_public_key_fails(client, world, trail):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate().public_key()
    pem = other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert any("signature" in p for p in _script().verify(_export(client, world, trail), pem))


def test_the_page_shows_the_last_verification_and_the_checkpoints(client, world, trail):
    call_command("verify_audit", no_progress=True, stdout=None)
    client.force_login(world.auditor)
    page = client.get("/audit/").content.decode()
    assert "Intact" in page and "000000000002.json" in page and "BEGIN PUBLIC KEY" in page


@pytest.mark.parametrize("who", ["investigator_a", "prosecutor_a1", "senior_a", "citizen"])
def test_only_auditors_and_superusers_see_it(client, world, trail, who):
    client.force_login(getattr(world, who))
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/export/", {"case": trail.number}).status_code == 404


def test_an_unknown_case_is_a_404(client, world, trail):
    client.force_login(world.auditor)
    assert client.get("/audit/export/", {"case": "no-such-case"}).status_code == 404


def test_the_auditor_reaches_the_page_from_the_menu_and_verifies_now(
    client, world, trail, django_capture_on_commit_callbacks
):
    client.force_login(world.auditor)
    page = client.get("/audit/")
    assert page.status_code == 200
    assert b'href="/audit/"' in page.content  # the menu item
    assert b"The trail has not been verified yet." in page.content
    with django_capture_on_commit_callbacks(execute=True):  # eager in the tests: the task runs at commit
        response = client.post("/audit/verify/")
    assert response.status_code == 302 and response["Location"] == "/audit/"
    page = client.get("/audit/")
    assert b"Intact" in page.content and b"The trail has not been verified yet." not in page.content


@pytest.mark.parametrize("user", ["prosecutor_a1", "investigator_a", "citizen"])
def test_nobody_else_verifies_or_sees_the_menu_item(client, world, user):
    client.force_login(getattr(world, user))
    assert client.post("/audit/verify/").status_code == 404
    assert b'href="/audit/"' not in client.get("/").content
