"""Reads of personal signatures, and their verification now and at the signing time (for display)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from .models import PersonalSignature
from .verify import SignatureProblem, get_verifier


def signatures_of(*, target_type: str, target_id: int) -> QuerySet[PersonalSignature]:
    """The personal signatures of one object, oldest first. The caller has checked it may see the object."""
    return PersonalSignature.objects.select_related("signer").filter(target_type=target_type, target_id=target_id)


@dataclass(frozen=True)
class SignatureCheck:
    signature: PersonalSignature
    signer: str
    signed_at: datetime
    valid_now: bool
    problem_now: str
    valid_at_signing: bool
    problem_at_signing: str


def _check(signature: PersonalSignature, *, at_signing_time: bool) -> tuple[bool, str]:
    try:
        get_verifier().verify(
            payload=bytes(signature.payload), cms_der=bytes(signature.cms), at_signing_time=at_signing_time
        )
    except SignatureProblem as problem:
        return False, problem.message
    return True, ""


def signature_check(*, signature: PersonalSignature) -> SignatureCheck:
    """Verify again with today's trust store and CRLs: `now` refuses a certificate revoked since; `at signing`
    accepts one revoked only after the signing time."""
    valid_now, problem_now = _check(signature, at_signing_time=False)
    valid_then, problem_then = _check(signature, at_signing_time=True)
    return SignatureCheck(
        signature=signature,
        signer=signature.signer.get_full_name() or signature.signer.get_username(),
        signed_at=signature.signed_at,
        valid_now=valid_now,
        problem_now=problem_now,
        valid_at_signing=valid_then,
        problem_at_signing=problem_then,
    )
