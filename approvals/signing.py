"""Signing decisions when they take effect, and verifying the signature later.

The signature covers the SHA-256 of the decision's canonical content: its text, kind-specific fields,
the SHA-256 of every attached document, the case number, the reviewer and the time of signing. Any later
change to one of those makes verification fail.

The signer is pluggable (``settings.DECISION_SIGNER``, an import path): the national EDS / NCALayer
would plug in here. The default signs on the server with HMAC-SHA256 and ``settings.DECISION_SIGNING_KEY``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ecase.audit.services import audit_record
from ecase.models import User

from .kinds import kind_spec
from .models import DecisionSignature, ProceduralDecision

DEFAULT_SIGNER = "approvals.signing.HmacSha256Signer"


class Signer(Protocol):
    algorithm: str

    @property
    def key_id(self) -> str: ...

    def sign(self, content_hash: str) -> str: ...

    def verify(self, content_hash: str, value: str) -> bool: ...


class HmacSha256Signer:
    """Server-side signature with a secret key from settings. Verifies only with the same key."""

    algorithm = "HMAC-SHA256"

    def __init__(self, key: str | None = None) -> None:
        key = key if key is not None else settings.DECISION_SIGNING_KEY
        if not key:
            raise ImproperlyConfigured("DECISION_SIGNING_KEY is not set; decisions cannot be signed.")
        self._key = key.encode()

    @property
    def key_id(self) -> str:
        # A fingerprint of the key, never the key: shows which key signed, and that a rotation happened.
        return hashlib.sha256(b"ecase-key-id:" + self._key).hexdigest()[:16]

    def sign(self, content_hash: str) -> str:
        return hmac.new(self._key, content_hash.encode(), hashlib.sha256).hexdigest()

    def verify(self, content_hash: str, value: str) -> bool:
        return hmac.compare_digest(self.sign(content_hash), value)


def signer_path() -> str:
    return getattr(settings, "DECISION_SIGNER", "") or DEFAULT_SIGNER


def get_signer() -> Signer:
    return import_string(signer_path())()


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


def _ground_as_decided(decision: ProceduralDecision) -> dict[str, Any] | None:
    """The ground as fixed when the decision took effect; the live table only before that moment."""
    if decision.ground_code:
        return {"code": decision.ground_code, "rehabilitating": decision.ground_rehabilitating}
    ground = decision.termination_ground
    return None if ground is None else {"code": ground.code, "rehabilitating": ground.is_rehabilitating}


def canonical_content(decision: ProceduralDecision, *, reviewer: User, signed_at: datetime) -> dict[str, Any]:
    """What the signature covers. Field values come from the row as stored, so any change shows."""
    spec = kind_spec(decision.kind)
    fields: dict[str, Any] = {}
    for name in spec.fields:
        if name == "termination_ground":
            fields[name] = _ground_as_decided(decision)
        elif name == "suspension_ground":
            fields[name] = decision.suspension_ground.code if decision.suspension_ground else None
        elif name == "main_case":
            fields[name] = decision.main_case.number if decision.main_case else None
        elif name in ("participant", "action"):
            fields[name] = getattr(decision, f"{name}_id")
        else:
            fields[name] = _plain(getattr(decision, name))
    documents = sorted(a.document.sha256 for a in decision.attachments.select_related("document"))
    return {
        "decision": decision.pk,
        "kind": decision.kind,
        "case_number": decision.case.number,
        "author": decision.author_id,
        "text": decision.text,
        "fields": fields,
        "documents": documents,
        "reviewer": {"id": reviewer.pk, "username": reviewer.get_username()},
        "signed_at": signed_at,
    }


def content_hash(content: dict[str, Any]) -> str:
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(payload.encode()).hexdigest()


def decision_sign(*, decision: ProceduralDecision, reviewer: User, at: datetime) -> DecisionSignature:
    """Sign a decision that has just taken effect. Runs inside the approving transaction."""
    signer = get_signer()
    digest = content_hash(canonical_content(decision, reviewer=reviewer, signed_at=at))
    signature = DecisionSignature.objects.create(
        decision=decision,
        signed_by=reviewer,
        signed_at=at,
        content_hash=digest,
        algorithm=signer.algorithm,
        key_id=signer.key_id,
        signer=signer_path(),
        value=signer.sign(digest),
    )
    audit_record(
        action="decision.signed",
        obj=decision,
        actor=reviewer,
        case=decision.case,
        data={"content_hash": digest, "algorithm": signer.algorithm, "key_id": signer.key_id},
    )
    return signature


@dataclass(frozen=True)
class Verification:
    signed: bool
    valid: bool
    content_matches: bool
    signature_matches: bool
    signed_hash: str
    current_hash: str
    algorithm: str
    key_id: str
    signed_by: str
    signed_at: datetime | None
    problem: str


def signature_verify(*, decision: ProceduralDecision) -> Verification:
    """Recompute the content hash from the decision as stored now, and check the signature over it."""
    signature = DecisionSignature.objects.select_related("signed_by").filter(decision=decision).first()
    if signature is None:
        return Verification(False, False, False, False, "", "", "", "", "", None, _("The decision is not signed."))
    current = content_hash(canonical_content(decision, reviewer=signature.signed_by, signed_at=signature.signed_at))
    content_matches = hmac.compare_digest(current, signature.content_hash)
    problem = ""
    if signature.signer != signer_path():
        signature_matches = False
        problem = _("Signed by another signer (%(signer)s); it cannot be checked here.") % {"signer": signature.signer}
    else:
        try:
            signer = get_signer()
        except ImproperlyConfigured:
            signer = None
        if signer is None or signer.key_id != signature.key_id:
            signature_matches = False
            problem = _("Signed with a key this server does not hold (%(key)s).") % {"key": signature.key_id}
        else:
            signature_matches = signer.verify(signature.content_hash, signature.value)
            if not signature_matches:
                problem = _("The signature does not match the signed hash.")
    if not content_matches:
        problem = _("The decision has changed since it was signed.")
    return Verification(
        signed=True,
        valid=content_matches and signature_matches,
        content_matches=content_matches,
        signature_matches=signature_matches,
        signed_hash=signature.content_hash,
        current_hash=current,
        algorithm=signature.algorithm,
        key_id=signature.key_id,
        signed_by=signature.signed_by.get_full_name() or signature.signed_by.get_username(),
        signed_at=signature.signed_at,
        problem=problem,
    )
