"""Personal signatures on decisions: the investigator's on submit, the prosecutor's on approve, reject and
return, the judge's (or the court client's) on the court outcome: the exact bytes he signs, and the
call into the signatures app (its verifier) from inside the deciding transaction.

The payload is the decision's canonical content (approvals.signing.canonical_content: text, fields, document
hashes, case number, author) with the action, the signer and the submission it answers, as canonical JSON
bytes. It carries no time (the CMS carries the signing time), so ``GET …/signing-payload/`` can hand out the
very bytes the service will check. The server's HMAC seal (approvals.signing) stays as a second seal.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from ecase.models import User
from signatures.models import PersonalSignature
from signatures.services import signature_accept, signature_required

from .models import ProceduralDecision
from .signing import canonical_content

TARGET = "decision"
Cms = bytes | None  # a personal CMS signature (DER) given with an action, or none
# What the signing-payload endpoint offers; a court outcome is signed as court-outcome:<sanctioned|denied>.
SIGNED_ACTIONS = ("submit", "approve", "reject", "return", "court-outcome:sanctioned", "court-outcome:denied")


def signing_payload(*, decision: ProceduralDecision, actor: User, action: str) -> bytes:
    content: dict[str, Any] = canonical_content(decision, reviewer=actor, signed_at=decision.created_at)
    content.pop("signed_at")
    content["action"] = action
    content["submitted_at"] = decision.submitted_at
    content["format"] = "ecase-decision-signing-payload/1"
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)
    return text.encode()


def signature_from_post(value: str) -> bytes | None:
    """The web form's hidden base64 CMS: None when empty; undecodable text becomes bytes the verifier refuses."""
    value = "".join((value or "").split())
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return value.encode()[:64]


def personal_sign(
    *, decision: ProceduralDecision, actor: User, action: str, cms_der: bytes | None
) -> PersonalSignature | None:
    """Inside the deciding transaction, before the state changes: refuse (400) when the policy requires a
    signature and there is none, or the one given does not verify; keep it when it does."""
    if not cms_der:
        if signature_required(kind=f"{TARGET}.{action.split(':')[0]}"):
            raise ValidationError(
                {"signature": ValidationError(_("Sign this decision with your personal key."), code="required")}
            )
        return None
    return signature_accept(
        target=decision,
        target_type=TARGET,
        action=action,
        actor=actor,
        payload=signing_payload(decision=decision, actor=actor, action=action),
        cms_der=cms_der,
        case=decision.case,
    )
