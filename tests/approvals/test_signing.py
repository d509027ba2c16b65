"""The signature put on a decision when it takes effect, and its verification after later changes."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from approvals import services
from approvals.choices import DecisionKind
from approvals.models import DecisionSignature, ProceduralDecision
from approvals.signing import HmacSha256Signer, canonical_content, content_hash, signature_verify
from ecase.models import AuditEvent, Document


class ReversingSigner:
    """A toy signer standing in for an external one (the national EDS would plug in the same way)."""

    algorithm = "TEST-REVERSE"
    key_id = "test-key"

    def sign(self, content_hash: str) -> str:
        return content_hash[::-1]

    def verify(self, content_hash: str, value: str) -> bool:
        return value == content_hash[::-1]


def _signed(decisions) -> ProceduralDecision:
    draft = decisions.make(DecisionKind.TERMINATION, "draft")
    services.decision_attach_document(
        decision_id=draft.pk,
        actor=decisions.author,
        upload=SimpleUploadedFile("report.txt", b"Expert report: no offence.", content_type="text/plain"),
        title="Expert report",
    )
    services.decision_submit(decision_id=draft.pk, actor=decisions.author)
    return services.decision_approve(decision_id=draft.pk, actor=decisions.prosecutor)


def test_approval_signs_the_canonical_content(decisions, world):
    decision = _signed(decisions)
    signature = DecisionSignature.objects.get(decision=decision)
    assert signature.signed_by == world.prosecutor_a1 and signature.signed_at == decision.decided_at
    assert signature.algorithm == "HMAC-SHA256"
    content = canonical_content(decision, reviewer=world.prosecutor_a1, signed_at=signature.signed_at)
    assert content["case_number"] == decision.case.number
    assert content["fields"] == {"termination_ground": {"code": "35-1-2", "rehabilitating": True}}
    assert content["documents"] == [Document.objects.get(title="Expert report").sha256]
    assert content["reviewer"] == {"id": world.prosecutor_a1.pk, "username": "prosecutor_a1"}
    assert signature.content_hash == content_hash(content)
    assert HmacSha256Signer().verify(signature.content_hash, signature.value)
    assert AuditEvent.objects.filter(action="decision.signed", object_id=str(decision.pk)).count() == 1
    assert signature_verify(decision=decision).valid


def test_verification_shows_a_later_change_of_the_text(decisions):
    decision = _signed(decisions)
    original = decision.text
    ProceduralDecision.objects.filter(pk=decision.pk).update(text=original + " (edited later)")
    result = signature_verify(decision=ProceduralDecision.objects.get(pk=decision.pk))
    assert result.signed and not result.valid and not result.content_matches and result.signature_matches
    assert "changed" in result.problem
    ProceduralDecision.objects.filter(pk=decision.pk).update(text=original)
    assert signature_verify(decision=ProceduralDecision.objects.get(pk=decision.pk)).valid


def test_verification_shows_a_changed_document_or_field(decisions):
    decision = _signed(decisions)
    Document.objects.filter(title="Expert report").update(sha256="0" * 64)
    assert not signature_verify(decision=decision).valid
    Document.objects.filter(title="Expert report").update(
        sha256=DecisionSignature.objects.get(decision=decision).content_hash  # anything but the original
    )
    assert not signature_verify(decision=decision).valid


def test_a_forged_signature_value_does_not_verify(decisions):
    decision = _signed(decisions)
    DecisionSignature.objects.filter(decision=decision).update(value="f" * 64)
    result = signature_verify(decision=decision)
    assert result.content_matches and not result.signature_matches and not result.valid


def test_another_key_cannot_verify(decisions, settings):
    decision = _signed(decisions)
    settings.DECISION_SIGNING_KEY = "another-key"
    result = signature_verify(decision=decision)
    assert not result.valid and "key" in result.problem


def test_the_signer_is_pluggable(decisions, settings):
    settings.DECISION_SIGNER = "tests.approvals.test_signing.ReversingSigner"
    decision = _signed(decisions)
    signature = DecisionSignature.objects.get(decision=decision)
    assert signature.algorithm == "TEST-REVERSE" and signature.value == signature.content_hash[::-1]
    assert signature.signer == "tests.approvals.test_signing.ReversingSigner"
    assert signature_verify(decision=decision).valid
    settings.DECISION_SIGNER = "approvals.signing.HmacSha256Signer"
    assert not signature_verify(decision=decision).valid  # signed by a signer this server no longer uses


def test_a_draft_is_not_signed(decisions):
    result = signature_verify(decision=decisions.make(DecisionKind.TERMINATION, "draft"))
    assert not result.signed and not result.valid
