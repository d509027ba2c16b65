"""The decisions API's signature endpoints (a mixin of DecisionViewSet): the bytes to sign for an action, and
the signatures of a decision for offline verification (the server's HMAC seal and the personal CMS ones)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from signatures.selectors import signature_check, signatures_of

from .. import permissions
from ..models import ProceduralDecision
from ..personal import SIGNED_ACTIONS, TARGET, signing_payload
from ..signing import signature_verify
from .serializers import SignatureStatusSerializer


class SigningPayloadSerializer(serializers.Serializer):
    action = serializers.CharField()
    payload = serializers.CharField(help_text=_("The exact bytes to sign, base64."))
    payload_sha256 = serializers.CharField()


class PersonalSignatureSerializer(serializers.Serializer):
    action = serializers.CharField()
    signer = serializers.CharField()
    signed_at = serializers.DateTimeField()
    cms = serializers.CharField(help_text=_("CMS (PKCS#7) detached signature, DER, base64."))
    payload = serializers.CharField(help_text=_("The signed bytes, base64."))
    payload_sha256 = serializers.CharField()
    certificate = serializers.DictField()
    valid_now = serializers.BooleanField()
    problem_now = serializers.CharField()
    valid_at_signing = serializers.BooleanField()
    problem_at_signing = serializers.CharField()


class DecisionSignaturesSerializer(SignatureStatusSerializer):
    personal = PersonalSignatureSerializer(many=True)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def personal_signatures_data(decision: ProceduralDecision) -> list[dict[str, object]]:
    rows = []
    for signature in signatures_of(target_type=TARGET, target_id=decision.pk):
        check = signature_check(signature=signature)
        rows.append(
            {
                "action": signature.action,
                "signer": check.signer,
                "signed_at": signature.signed_at,
                "cms": _b64(bytes(signature.cms)),
                "payload": _b64(bytes(signature.payload)),
                "payload_sha256": signature.payload_sha256,
                "certificate": {
                    "subject": signature.cert_subject,
                    "issuer": signature.cert_issuer,
                    "serial": signature.cert_serial,
                    "not_before": signature.cert_not_before.isoformat(),
                    "not_after": signature.cert_not_after.isoformat(),
                    "fingerprint": signature.cert_fingerprint,
                },
                "valid_now": check.valid_now,
                "problem_now": check.problem_now,
                "valid_at_signing": check.valid_at_signing,
                "problem_at_signing": check.problem_at_signing,
            }
        )
    return rows


class DecisionSignatureViewSet(viewsets.GenericViewSet):
    """The base of DecisionViewSet: its signature endpoints."""

    @extend_schema(
        summary="The bytes to sign",
        description=(
            "For `?action=submit|approve|reject|return|court-outcome:sanctioned|court-outcome:denied`: the exact "
            "bytes the caller signs with his personal key (CMS detached, base64 in the action's `signature` "
            "field). Only who may take the action gets them (403)."
        ),
        parameters=[OpenApiParameter("action", OpenApiTypes.STR, enum=list(SIGNED_ACTIONS), required=True)],
        responses={200: SigningPayloadSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["get"], url_path="signing-payload", filter_backends=[], pagination_class=None)
    def signing_payload(self, request: Request, pk: str | None = None) -> Response:
        decision: ProceduralDecision = self.get_object()
        kind = request.query_params.get("action", "")
        if kind not in SIGNED_ACTIONS:
            raise ValidationError({"action": _("Choose one of: %(actions)s.") % {"actions": ", ".join(SIGNED_ACTIONS)}})
        user = request_user(request)
        if not permissions.may(user, decision, kind.split(":")[0]):
            raise PermissionDenied(_("Only a prosecutor of the supervising office may decide."))
        payload = signing_payload(decision=decision, actor=user, action=kind)
        data = {"action": kind, "payload": _b64(payload), "payload_sha256": hashlib.sha256(payload).hexdigest()}
        return Response(SigningPayloadSerializer(data).data)

    @extend_schema(
        summary="The signatures of a decision",
        description=(
            "The server's seal (HMAC over the canonical hash, recomputed now) and every personal CMS signature "
            "with the signed bytes, the certificate and its verification now and at the signing time. Verify "
            "offline: `openssl cms -verify -binary -inform DER -in sig.der -content payload.bin -CAfile ca.pem`."
        ),
        responses={200: DecisionSignaturesSerializer, **error_responses(404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def signature(self, request: Request, pk: str | None = None) -> Response:
        decision: ProceduralDecision = self.get_object()
        data = {**asdict(signature_verify(decision=decision)), "personal": personal_signatures_data(decision)}
        return Response(DecisionSignaturesSerializer(data).data)
