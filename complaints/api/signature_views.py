"""The complaints API's signature endpoints (a base of ComplaintViewSet): the exact bytes to sign for an answer
or for the record of a personal explanation, and the personal signatures of a complaint for offline
verification (CMS, signed bytes, certificate, verification now and at the signing time)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from complaints.choices import ExplanationForm
from complaints.models import Complaint
from complaints.personal import ANSWER_ACTIONS, EXPLANATION_ACTION, SIGNED_ACTIONS, TARGET, action_facts, may_sign
from complaints.personal import signing_payload as complaint_signing_payload
from complaints.selectors import complaint_get_visible
from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.models import User
from signatures.api.serializers import (
    BytesToSignSerializer,
    SignatureRecordSerializer,
    bytes_to_sign,
    signature_records,
)

from .serializers import TEXT_MAX

MAX_PK = 2**63 - 1


class ComplaintBytesToSignInputSerializer(serializers.Serializer):
    """The action and the same fields its endpoint takes (without the signature)."""

    action = serializers.ChoiceField(choices=[(a, a) for a in SIGNED_ACTIONS])
    answer = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    held_at = serializers.DateTimeField(required=False)
    form = serializers.ChoiceField(choices=ExplanationForm.choices, required=False)
    given_by = serializers.IntegerField(required=False)
    participants = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    summary = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs["action"]
        needed: tuple[str, ...]
        if kind == EXPLANATION_ACTION:
            needed = ("held_at", "form", "participants", "summary")
        elif kind == "forward":
            needed = ("body",)
        else:
            needed = ("answer",)
        missing = {name: [gettext_lazy("This field is required.")] for name in needed if not attrs.get(name)}
        if missing:
            raise serializers.ValidationError(missing)
        if "given_by" in attrs:
            given_by = User.objects.filter(pk=attrs["given_by"], is_active=True).first()
            if given_by is None:
                raise serializers.ValidationError({"given_by": [gettext_lazy("No such user.")]})
            attrs["given_by"] = given_by
        return attrs


class ComplaintSignatureViewSet(viewsets.GenericViewSet):
    """The base of ComplaintViewSet: its signature endpoints."""

    def _visible_complaint(self, request: Request) -> Complaint:
        pk = int(self.kwargs["pk"])
        if pk > MAX_PK:
            raise NotFound()
        return complaint_get_visible(user=request_user(request), complaint_id=pk)

    @extend_schema(
        summary="The bytes to sign for an answer or the explanation record",
        description=(
            "Send the action (`"
            + "`, `".join(SIGNED_ACTIONS)
            + "`) with the same fields its endpoint takes: `answer` (and `body` for forward), or `held_at`, "
            "`form`, `given_by`, `participants`, `summary` for the explanation record. Answers the exact bytes the "
            "caller signs with his personal key (CMS detached, base64 in the action's `signature` field): the "
            "answer's text, or the record's facts with the refusal, are part of them. Nothing is written. Only "
            "who may take the action gets them (403)."
        ),
        request=ComplaintBytesToSignInputSerializer,
        responses={200: BytesToSignSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="signing-payload", filter_backends=[], pagination_class=None)
    def signing_payload(self, request: Request, pk: str | None = None) -> Response:
        complaint = self._visible_complaint(request)
        data = ComplaintBytesToSignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kind = data.validated_data["action"]
        user = request_user(request)
        if not may_sign(user, complaint, kind):
            if kind in ANSWER_ACTIONS:
                raise PermissionDenied(_("Only the executor or a senior prosecutor answers this complaint."))
            raise PermissionDenied(_("Only a senior prosecutor of the office records a personal explanation."))
        facts = action_facts(complaint=complaint, actor=user, action=kind, data=dict(data.validated_data))
        payload = complaint_signing_payload(complaint=complaint, actor=user, action=kind, facts=facts)
        return Response(bytes_to_sign(action=kind, payload=payload))

    @extend_schema(
        summary="The personal signatures of a complaint",
        description=(
            "Every personal CMS signature of the complaint's answer and explanation record, with the signed bytes, "
            "the certificate and its verification now and at the signing time. Verify offline: `openssl cms "
            "-verify -binary -inform DER -in sig.der -content payload.bin -CAfile ca.pem -purpose any`."
        ),
        responses={200: SignatureRecordSerializer(many=True), **error_responses(404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def signature(self, request: Request, pk: str | None = None) -> Response:
        complaint = self._visible_complaint(request)
        return Response(signature_records(target_type=TARGET, target_id=complaint.pk))
