"""Personal signatures on complaint answers and on the record of a personal explanation (issue 15).

The prosecutor who answers (satisfy, satisfy in part, forward, propose a refusal) signs the answer; the senior
prosecutor who records the personal explanation of a refusal signs its record. The signed bytes are canonical
JSON of the complaint's identity (tracking number, kind, case, complainant, the SHA-256 of its text and
attachments), the action, the signer and the action's facts: the answer's text (and the body a complaint is
forwarded to), or the explanation's facts (when, form, who explained, who took part, summary) with the refusal
it makes final. They carry no time (the CMS carries the signing time), so ``…/signing-payload/`` hands out the
very bytes the service checks when the same fields are sent with the signature.

Policy: ``SIGNATURE_REQUIRED`` kinds ``complaint.satisfy``, ``complaint.partially-satisfy``,
``complaint.forward``, ``complaint.propose-refusal``, ``complaint.record-explanation``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ecase.models import User
from signatures.models import PersonalSignature
from signatures.services import signature_accept, signature_required

from . import permissions
from .models import Complaint

TARGET = "complaint"
FORMAT = "ecase-complaint-signing-payload/1"
ANSWER_ACTIONS = ("satisfy", "partially-satisfy", "forward", "propose-refusal")
EXPLANATION_ACTION = "record-explanation"
SIGNED_ACTIONS = (*ANSWER_ACTIONS, EXPLANATION_ACTION)
FORWARD_BODY_MAX = 255


def forward_letter(*, body: str, answer: str) -> str:
    """The letter of a forwarded complaint: the one written, or the standard one naming the body."""
    return (answer or "").strip() or _("Your complaint has been forwarded to the competent body: %(body)s.") % {
        "body": body
    }


def answer_facts(*, answer: str, body: str = "", forward: bool = False) -> dict[str, str]:
    """The facts of an answer as the service stores them (texts stripped; a forward's default letter)."""
    if forward:
        body = (body or "").strip()[:FORWARD_BODY_MAX]
        return {"body": body, "answer": forward_letter(body=body, answer=answer)}
    return {"answer": (answer or "").strip()}


def _person(user: User) -> dict[str, str]:
    return {"username": user.get_username(), "name": user.get_full_name(), "iin": user.iin or ""}


def explanation_facts(
    *, complaint: Complaint, held_at: datetime, form: str, given_by: User, participants: str, summary: str
) -> dict[str, Any]:
    """The record of the personal explanation, and the refusal (the proposed answer) it makes final."""
    return {
        "held_at": held_at.astimezone(UTC).isoformat(),
        "form": form,
        "given_by": _person(given_by),
        "participants": (participants or "").strip(),
        "summary": (summary or "").strip(),
        "refusal": complaint.answer,
    }


def signing_payload(*, complaint: Complaint, actor: User, action: str, facts: dict[str, Any]) -> bytes:
    documents = sorted(complaint.documents.values_list("sha256", flat=True))
    content = {
        "format": FORMAT,
        "complaint": {
            "id": complaint.pk,
            "tracking_number": complaint.tracking_number,
            "kind": complaint.kind_id,
            "case_number": complaint.case.number if complaint.case is not None else complaint.case_number,
            "complainant_name": complaint.complainant_name,
            "complainant_iin": complaint.complainant_iin,
            "received_at": complaint.received_at.astimezone(UTC).isoformat(),
            "text_sha256": hashlib.sha256(complaint.text.encode()).hexdigest(),
            "documents": documents,
        },
        "action": action,
        "signer": _person(actor),
        "facts": facts,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def may_sign(user: User, complaint: Complaint, action: str) -> bool:
    """Who may take the signed action may get its bytes to sign."""
    if action == EXPLANATION_ACTION:
        return permissions.can_record_explanation(user, complaint)
    return action in ANSWER_ACTIONS and permissions.can_decide(user, complaint)


def action_facts(*, complaint: Complaint, actor: User, action: str, data: dict[str, Any]) -> dict[str, Any]:
    """The facts of `action` from a form's or a serializer's cleaned data (`given_by`: a User or None)."""
    if action == EXPLANATION_ACTION:
        return explanation_facts(
            complaint=complaint,
            held_at=data["held_at"],
            form=data["form"],
            given_by=data.get("given_by") or actor,
            participants=data["participants"],
            summary=data["summary"],
        )
    return answer_facts(answer=data.get("answer", ""), body=data.get("body", ""), forward=action == "forward")


def personal_sign(
    *, complaint: Complaint, actor: User, action: str, facts: dict[str, Any], cms_der: bytes | None
) -> PersonalSignature | None:
    """Inside the action's transaction, before anything is written: refuse (400 on `signature`) when the
    policy requires a signature and there is none, or the one given does not verify; keep it when it does."""
    if not cms_der:
        if signature_required(kind=f"{TARGET}.{action}"):
            raise ValidationError(
                {"signature": ValidationError(_("Sign this answer with your personal key."), code="required")}
            )
        return None
    return signature_accept(
        target=complaint,
        target_type=TARGET,
        action=action,
        actor=actor,
        payload=signing_payload(complaint=complaint, actor=actor, action=action, facts=facts),
        cms_der=cms_der,
        case=complaint.case,
    )
