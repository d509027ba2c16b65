"""A personal signature on approve, reject and return: the valid one is kept; every bad one is refused with a
clear reason (400 shape: ValidationError on `signature`) and nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import ValidationError

from approvals import services
from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from approvals.personal import signing_payload
from ecase.models import AuditEvent
from signatures import pki
from signatures.models import PersonalSignature
from signatures.services import certificate_register


def _pending(decisions) -> ProceduralDecision:
    return decisions.make(DecisionKind.TERMINATION, "pending")


def _payload(decision, user, action="approve") -> bytes:
    return signing_payload(decision=decision, actor=user, action=action)


def _refused(decision, user, cms: bytes, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.decision_approve(decision_id=decision.pk, actor=user, signature=cms)
    errors = caught.value.error_dict["signature"]
    assert [e.code for e in errors] == [code], errors
    assert errors[0].messages[0]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    assert not PersonalSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="decision.personally_signed").exists()


def test_a_valid_signature_is_kept_with_the_approval(decisions, world, demo_pki):
    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    cms = demo_pki.sign(prosecutor, _payload(decision, prosecutor))
    services.decision_approve(decision_id=decision.pk, actor=prosecutor, signature=cms)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED
    signature = PersonalSignature.objects.get()
    assert (signature.target_type, signature.target_id, signature.action) == ("decision", decision.pk, "approve")
    assert signature.signer == prosecutor and bytes(signature.cms) == cms
    assert "eCase Demo Personal CA" in signature.cert_issuer
    event = AuditEvent.objects.get(action="decision.personally_signed")
    assert event.to_state == "" and event.data["certificate"] == signature.cert_fingerprint
    assert hasattr(decision, "signature")  # the server's HMAC seal stays as the second seal


@pytest.mark.parametrize("action", ["reject", "return"])
def test_reject_and_return_are_signed_too(decisions, world, demo_pki, action):
    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    cms = demo_pki.sign(prosecutor, _payload(decision, prosecutor, action))
    if action == "reject":
        services.decision_reject(decision_id=decision.pk, actor=prosecutor, reason="Unlawful.", signature=cms)
    else:
        services.decision_return(decision_id=decision.pk, actor=prosecutor, remarks="Fix it.", signature=cms)
    assert PersonalSignature.objects.get().action == action


def test_a_signature_for_another_action_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    cms = demo_pki.sign(prosecutor, _payload(decision, prosecutor, "reject"))
    _refused(decision, prosecutor, cms, "other_content")


def test_another_users_certificate_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    cms = demo_pki.sign(world.prosecutor_a2, _payload(decision, world.prosecutor_a1))
    _refused(decision, world.prosecutor_a1, cms, "not_yours")


def test_an_expired_certificate_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    old = pki.issue(
        common_name="Expired",
        issuer=demo_pki.intermediate(),
        not_before=datetime.now(UTC) - timedelta(days=400),
        days=30,
    )
    certificate_register(user=prosecutor, cert_der=old.cert.public_bytes(Encoding.DER), actor=None)
    cms = pki.cms_sign(payload=_payload(decision, prosecutor), key=old.key, cert=old.cert)
    _refused(decision, prosecutor, cms, "expired")


def test_a_revoked_certificate_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    key, cert = demo_pki.revoked()
    cms = pki.cms_sign(payload=_payload(decision, world.prosecutor_a1), key=key, cert=cert)
    _refused(decision, world.prosecutor_a1, cms, "revoked")


def test_a_certificate_from_an_untrusted_ca_is_refused(decisions, world, demo_pki, tmp_path):
    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    rogue = pki.pki_create(directory=tmp_path / "rogue")
    personal = pki.issue(common_name=prosecutor.get_username(), issuer=rogue.intermediate)
    certificate_register(user=prosecutor, cert_der=personal.cert.public_bytes(Encoding.DER), actor=None)
    cms = pki.cms_sign(payload=_payload(decision, prosecutor), key=personal.key, cert=personal.cert)
    _refused(decision, prosecutor, cms, "untrusted")


def test_a_signature_over_other_bytes_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    cms = demo_pki.sign(world.prosecutor_a1, b"some other document")
    _refused(decision, world.prosecutor_a1, cms, "other_content")


def test_a_truncated_cms_is_refused(decisions, world, demo_pki):
    decision = _pending(decisions)
    cms = demo_pki.sign(world.prosecutor_a1, _payload(decision, world.prosecutor_a1))
    _refused(decision, world.prosecutor_a1, cms[: len(cms) // 2], "malformed")
    _refused(decision, world.prosecutor_a1, b"not a cms at all", "malformed")


def test_the_policy_refuses_an_unsigned_approval(decisions, world, settings):
    settings.SIGNATURE_REQUIRED = ["decision.approve"]
    decision = _pending(decisions)
    with pytest.raises(ValidationError) as caught:
        services.decision_approve(decision_id=decision.pk, actor=world.prosecutor_a1)
    assert caught.value.error_dict["signature"][0].code == "required"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    # return is not in the policy here: it goes unsigned
    services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Fix it.")


def test_the_investigator_signs_the_submission_and_the_judge_the_ruling(decisions, world, demo_pki, settings):
    settings.SIGNATURE_REQUIRED = ["decision.submit", "decision.court-outcome"]
    draft = decisions.make(DecisionKind.TERMINATION, "draft")
    author = world.investigator_a
    with pytest.raises(ValidationError):
        services.decision_submit(decision_id=draft.pk, actor=author)
    cms = demo_pki.sign(author, _payload(draft, author, "submit"))
    services.decision_submit(decision_id=draft.pk, actor=author, signature=cms)
    assert PersonalSignature.objects.get().action == "submit"


def test_the_judge_signs_the_outcome_he_records(decisions, world, demo_pki):
    from approvals.choices import PreventiveMeasure

    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending", measure=PreventiveMeasure.HOUSE_ARREST)
    judge = world.judge_a
    wrong = demo_pki.sign(judge, _payload(decision, judge, "court-outcome:denied"))
    with pytest.raises(ValidationError):
        services.decision_record_court_outcome(
            decision_id=decision.pk, actor=judge, outcome="sanctioned", signature=wrong
        )
    cms = demo_pki.sign(judge, _payload(decision, judge, "court-outcome:sanctioned"))
    services.decision_record_court_outcome(decision_id=decision.pk, actor=judge, outcome="sanctioned", signature=cms)
    assert PersonalSignature.objects.get().action == "court-outcome:sanctioned"


def test_register_certificate_makes_a_certificate_without_iin_the_users(decisions, world, demo_pki, tmp_path):
    from django.core.management import call_command

    decision = _pending(decisions)
    prosecutor = world.prosecutor_a1
    personal = pki.issue(common_name="No IIN", issuer=demo_pki.intermediate())
    cms = pki.cms_sign(payload=_payload(decision, prosecutor), key=personal.key, cert=personal.cert)
    _refused(decision, prosecutor, cms, "not_yours")
    (tmp_path / "cert.pem").write_bytes(personal.cert_pem)
    call_command("register_certificate", user=prosecutor.username, file=str(tmp_path / "cert.pem"))
    services.decision_approve(decision_id=decision.pk, actor=prosecutor, signature=cms)
    assert PersonalSignature.objects.get().signer == prosecutor
