"""The API's shapes for personal signatures, shared by every app whose actions are signed (complaints here;
decisions have their own, older copies in approvals/api/signature_views.py)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..selectors import signature_check, signatures_of


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class BytesToSignSerializer(serializers.Serializer):
    action = serializers.CharField()
    payload = serializers.CharField(help_text=_("The exact bytes to sign, base64."))
    payload_sha256 = serializers.CharField()


def bytes_to_sign(*, action: str, payload: bytes) -> dict[str, str]:
    return BytesToSignSerializer(
        {"action": action, "payload": b64(payload), "payload_sha256": hashlib.sha256(payload).hexdigest()}
    ).data


class SignatureCertificateSerializer(serializers.Serializer):
    subject = serializers.CharField()
    issuer = serializers.CharField()
    serial = serializers.CharField()
    not_before = serializers.DateTimeField()
    not_after = serializers.DateTimeField()
    fingerprint = serializers.CharField()


class SignatureRecordSerializer(serializers.Serializer):
    action = serializers.CharField()
    signer = serializers.CharField()
    signed_at = serializers.DateTimeField()
    cms = serializers.CharField(help_text=_("CMS (PKCS#7) detached signature, DER, base64."))
    payload = serializers.CharField(help_text=_("The signed bytes, base64."))
    payload_sha256 = serializers.CharField()
    certificate = SignatureCertificateSerializer()
    valid_now = serializers.BooleanField()
    problem_now = serializers.CharField()
    valid_at_signing = serializers.BooleanField()
    problem_at_signing = serializers.CharField()


def signature_records(*, target_type: str, target_id: int) -> Any:
    """Every personal signature of an object the caller may see, verified now and at its signing time."""
    rows = []
    for signature in signatures_of(target_type=target_type, target_id=target_id):
        check = signature_check(signature=signature)
        rows.append(
            {
                "action": signature.action,
                "signer": check.signer,
                "signed_at": signature.signed_at,
                "cms": b64(bytes(signature.cms)),
                "payload": b64(bytes(signature.payload)),
                "payload_sha256": signature.payload_sha256,
                "certificate": {
                    "subject": signature.cert_subject,
                    "issuer": signature.cert_issuer,
                    "serial": signature.cert_serial,
                    "not_before": signature.cert_not_before,
                    "not_after": signature.cert_not_after,
                    "fingerprint": signature.cert_fingerprint,
                },
                "valid_now": check.valid_now,
                "problem_now": check.problem_now,
                "valid_at_signing": check.valid_at_signing,
                "problem_at_signing": check.problem_at_signing,
            }
        )
    return SignatureRecordSerializer(rows, many=True).data
