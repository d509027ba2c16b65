"""The API's signature field: a CMS (DER) sent as base64 (what NCALayer returns), decoded to bytes."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

MAX_CMS_BYTES = 64 * 1024


@extend_schema_field({"type": "string", "format": "byte", "description": "CMS (PKCS#7) detached signature, base64"})
class CmsSignatureField(serializers.CharField):
    default_error_messages = {
        "base64": _("The signature must be base64 of a CMS (PKCS#7) signature."),
        "too_big": _("The signature is too large."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_CMS_BYTES * 2)
        kwargs.setdefault(
            "help_text", _("Your CMS (PKCS#7) detached signature of GET …/signing-payload/, base64 (DER).")
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> bytes:  # type: ignore[override]
        text = "".join(str(super().to_internal_value(data)).split())
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            self.fail("base64")
        if len(raw) > MAX_CMS_BYTES:
            self.fail("too_big")
        return raw

    def to_representation(self, value: Any) -> str:
        return base64.b64encode(bytes(value)).decode()
