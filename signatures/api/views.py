"""The software signer's server half: POST the bytes to sign, get back a CMS made with your demo key.

Only where SIGNATURE_DEMO_SIGNER is on (development, the demo, the tests) and only for users whose
certificate ``demo_pki`` made with a server-held key; everybody else gets 403 and signs with NCALayer.
"""

from __future__ import annotations

import base64
import binascii

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user

from ..services import signature_demo_sign
from .fields import MAX_CMS_BYTES


class DemoSignInputSerializer(serializers.Serializer):
    payload = serializers.CharField(max_length=MAX_CMS_BYTES * 2, help_text=_("The bytes to sign, base64."))

    def validate_payload(self, value: str) -> bytes:
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(_("The payload must be base64.")) from None


class DemoSignOutputSerializer(serializers.Serializer):
    cms = serializers.CharField(help_text=_("CMS (PKCS#7) detached signature, DER, base64."))


class DemoSignView(APIView):
    @extend_schema(
        summary="Sign with the demo key (software signer)",
        description="Development and demo only (403 elsewhere, and for users without a demo key).",
        request=DemoSignInputSerializer,
        responses={200: DemoSignOutputSerializer, **error_responses(400, 403, 415)},
    )
    def post(self, request: Request) -> Response:
        serializer = DemoSignInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cms = signature_demo_sign(actor=request_user(request), payload=serializer.validated_data["payload"])
        return Response(DemoSignOutputSerializer({"cms": base64.b64encode(cms).decode()}).data)
