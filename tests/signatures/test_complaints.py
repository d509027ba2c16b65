"""Personal signatures on complaint answers and on the record of a personal explanation (services): the signed
bytes carry the answer's text (and the record's facts with the refusal); a valid signature is kept with an
audit event; another text, another user's certificate, or no signature under the policy is refused with a
clear reason on `signature` and nothing is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.choices import ExplanationForm
from complaints.models import ComplaintExplanation
from complaints.personal import action_facts, signing_payload
from ecase.models import AuditEvent
from signatures.models import PersonalSignature

ANSWER = "Your petition has been granted: the investigator will question the witness."


def _answer_payload(complaint, user, action="satisfy", answer=ANSWER, body="") -> bytes:
    facts = action_facts(complaint=complaint, actor=user, action=action, data={"answer": answer, "body": body})
    return signing_payload(complaint=complaint, actor=user, action=action, facts=facts)


def _explanation(world, held_at=None) -> dict:
    return {
        "held_at": held_at or timezone.now() - timedelta(minutes=3),
        "form": ExplanationForm.PHONE,
        "participants": "Senior prosecutor; the complainant",
        "summary": "Explained why the decision was lawful.",
    }


def _explanation_payload(complaint, user, data) -> bytes:
    facts = action_facts(complaint=complaint, actor=user, action="record-explanation", data=data)
    return signing_payload(complaint=complaint, actor=user, action="record-explanation", facts=facts)


def _nothing_written(complaint, status) -> None:
    complaint.refresh_from_db()
    assert complaint.status == status
    assert not PersonalSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="complaint.personally_signed").exists()


def _refused(call, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    errors = caught.value.error_dict["signature"]
    assert [e.code for e in errors] == [code], errors
    assert errors[0].messages[0]


def test_a_signed_answer_is_kept_with_its_text(world, complaint_in, demo_pki):
    complaint = complaint_in(S.IN_REVIEW)
    prosecutor = world.prosecutor_a1
    payload = _answer_payload(complaint, prosecutor)
    assert ANSWER.encode() in payload and complaint.tracking_number.encode() in payload
    cms = demo_pki.sign(prosecutor, payload)
    services.complaint_satisfy(complaint_id=complaint.pk, actor=prosecutor, answer=f"  {ANSWER}\n", signature=cms)
    complaint.refresh_from_db()
    assert complaint.status == S.SATISFIED and complaint.answer == ANSWER
    signature = PersonalSignature.objects.get()
    assert (signature.target_type, signature.target_id, signature.action) == ("complaint", complaint.pk, "satisfy")
    assert bytes(signature.payload) == payload and signature.signer == prosecutor
    event = AuditEvent.objects.get(action="complaint.personally_signed")
    assert event.data["certificate"] == signature.cert_fingerprint and event.data["cms"]


@pytest.mark.parametrize(
    ("action", "call"),
    [
        ("partially-satisfy", lambda c, u, cms: services.complaint_partially_satisfy(
            complaint_id=c.pk, actor=u, answer=ANSWER, signature=cms)),
        ("propose-refusal", lambda c, u, cms: services.complaint_propose_refusal(
            complaint_id=c.pk, actor=u, answer=ANSWER, signature=cms)),
    ],
)  # fmt: skip
def test_other_answers_are_signed_too(world, complaint_in, demo_pki, action, call):
    complaint = complaint_in(S.IN_REVIEW)
    prosecutor = world.prosecutor_a1
    call(complaint, prosecutor, demo_pki.sign(prosecutor, _answer_payload(complaint, prosecutor, action)))
    assert PersonalSignature.objects.get().action == action


def test_a_forward_signs_the_body_and_the_standard_letter(world, complaint_in, demo_pki):
    complaint = complaint_in(S.IN_REVIEW)
    prosecutor = world.prosecutor_a1
    payload = _answer_payload(complaint, prosecutor, "forward", answer="", body="Ministry of Labour")
    assert b"Ministry of Labour" in payload
    cms = demo_pki.sign(prosecutor, payload)
    services.complaint_forward(complaint_id=complaint.pk, actor=prosecutor, body=" Ministry of Labour ", signature=cms)
    assert PersonalSignature.objects.get().action == "forward"


def test_an_answer_signed_over_another_text_is_refused(world, complaint_in, demo_pki):
    complaint = complaint_in(S.IN_REVIEW)
    prosecutor = world.prosecutor_a1
    cms = demo_pki.sign(prosecutor, _answer_payload(complaint, prosecutor, answer="Granted."))
    _refused(
        lambda: services.complaint_satisfy(complaint_id=complaint.pk, actor=prosecutor, answer=ANSWER, signature=cms),
        "other_content",
    )
    _nothing_written(complaint, S.IN_REVIEW)


def test_a_signature_for_another_answer_kind_is_refused(world, complaint_in, demo_pki):
    complaint = complaint_in(S.IN_REVIEW)
    prosecutor = world.prosecutor_a1
    cms = demo_pki.sign(prosecutor, _answer_payload(complaint, prosecutor, "satisfy"))
    _refused(
        lambda: services.complaint_propose_refusal(
            complaint_id=complaint.pk, actor=prosecutor, answer=ANSWER, signature=cms
        ),
        "other_content",
    )
    _nothing_written(complaint, S.IN_REVIEW)


def test_another_users_certificate_is_refused(world, complaint_in, demo_pki):
    complaint = complaint_in(S.IN_REVIEW)
    cms = demo_pki.sign(world.prosecutor_a2, _answer_payload(complaint, world.prosecutor_a1))
    _refused(
        lambda: services.complaint_satisfy(
            complaint_id=complaint.pk, actor=world.prosecutor_a1, answer=ANSWER, signature=cms
        ),
        "not_yours",
    )
    _nothing_written(complaint, S.IN_REVIEW)


def test_the_policy_refuses_an_unsigned_answer(world, complaint_in, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.satisfy"]
    complaint = complaint_in(S.IN_REVIEW)
    _refused(
        lambda: services.complaint_satisfy(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer=ANSWER),
        "required",
    )
    _nothing_written(complaint, S.IN_REVIEW)
    # forward is not in the policy here: it goes unsigned
    services.complaint_forward(complaint_id=complaint.pk, actor=world.prosecutor_a1, body="Ministry of Labour")


def test_the_senior_prosecutor_signs_the_explanation_record(world, complaint_in, demo_pki):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    senior = world.senior_a1
    data = _explanation(world)
    payload = _explanation_payload(complaint, senior, data)
    for fact in (b"Explained why the decision was lawful.", b"The decision was lawful.", b"phone", b"senior_a1"):
        assert fact in payload  # the record's facts and the refusal it makes final
    cms = demo_pki.sign(senior, payload)
    services.complaint_record_explanation(complaint_id=complaint.pk, actor=senior, signature=cms, **data)
    complaint.refresh_from_db()
    assert complaint.status == S.REFUSED
    assert PersonalSignature.objects.get().action == "record-explanation"


def test_an_explanation_record_signed_with_other_facts_is_refused(world, complaint_in, demo_pki):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    senior = world.senior_a1
    data = _explanation(world)
    cms = demo_pki.sign(senior, _explanation_payload(complaint, senior, {**data, "summary": "Something else."}))
    _refused(
        lambda: services.complaint_record_explanation(complaint_id=complaint.pk, actor=senior, signature=cms, **data),
        "other_content",
    )
    _nothing_written(complaint, S.REFUSAL_PENDING_EXPLANATION)
    assert not ComplaintExplanation.objects.exists()


def test_the_policy_refuses_an_unsigned_explanation_record(world, complaint_in, settings):
    settings.SIGNATURE_REQUIRED = ["complaint.record-explanation"]
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    _refused(
        lambda: services.complaint_record_explanation(
            complaint_id=complaint.pk, actor=world.senior_a1, **_explanation(world)
        ),
        "required",
    )
    _nothing_written(complaint, S.REFUSAL_PENDING_EXPLANATION)
    assert not ComplaintExplanation.objects.exists()
