"""Reusable OpenAPI pieces for every app's API: the error body, the error responses, the token scheme.

Apps document their endpoints with ``@extend_schema(responses={200: Out, **error_responses(400, 403, 404, 409)})``
so every error a client can meet is described with the one shape ``{"code", "message", "fields"}``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The one error body of the API (see ecase/api/exceptions.py)."""

    code = serializers.CharField(
        help_text=_(
            "Machine-readable code: invalid, parse_error, not_authenticated, authentication_failed, "
            "permission_denied, not_found, method_not_allowed, unsupported_media_type, conflict, too_large, "
            "throttled, ..."
        )
    )
    message = serializers.CharField(help_text=_("A sentence for a person."))
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("For 400: the errors of each input field (non_field_errors for the input as a whole)."),
    )


def _response(description: str, code: str, message: str, fields: dict[str, Any] | None = None) -> OpenApiResponse:
    return OpenApiResponse(
        response=ErrorSerializer,
        description=description,
        examples=[
            OpenApiExample(
                code,
                value={"code": code, "message": message, "fields": fields or {}},
                response_only=True,
            )
        ],
    )


ERROR_RESPONSES: dict[int, OpenApiResponse] = {
    400: _response(
        "Invalid input: malformed JSON (code parse_error) or field errors (code invalid).",
        "invalid",
        "The input is not valid; see the field errors.",
        {"iin": ["The IIN check digit is wrong."]},
    ),
    401: _response(
        "No credentials, or a token that is invalid, expired or revoked. Sent with `WWW-Authenticate: Bearer`.",
        "not_authenticated",
        "Authentication credentials were not provided.",
    ),
    403: _response(
        "Authenticated, but the caller's role may not do this (e.g. a prosecutor writing to a case).",
        "permission_denied",
        "You do not have permission to perform this action.",
    ),
    404: _response(
        "Does not exist, or the caller may not see it (the API never reveals that it exists).",
        "not_found",
        "Not found.",
    ),
    405: _response("The method is not allowed on this resource.", "method_not_allowed", 'Method "PATCH" not allowed.'),
    409: _response(
        "Not allowed in the object's current state, or lost to a concurrent change.",
        "conflict",
        "This action is not allowed in the current state.",
    ),
    413: _response("The upload or the request body is too large.", "too_large", "The upload is too large."),
    415: _response(
        "The request body has a content type this endpoint does not accept.",
        "unsupported_media_type",
        'Unsupported media type "text/plain" in request.',
    ),
    429: _response(
        "Rate-limited: wait and retry (see the Retry-After header).",
        "throttled",
        "Request was throttled. Expected available in 42 seconds.",
    ),
}

# What most authenticated endpoints can answer, whatever they do.
COMMON_ERRORS = (401, 429)


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses for the given status codes, plus 401 and 429 every endpoint may give."""
    return {code: ERROR_RESPONSES[code] for code in sorted({*codes, *COMMON_ERRORS})}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Documents ecase.api.authentication.BearerTokenAuthentication as an HTTP bearer scheme."""

    target_class = "ecase.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A token from POST /api/v1/auth/token/, sent as `Authorization: Bearer <token>`. "
                    "Tokens expire (API_TOKEN_LIFETIME) and can be revoked with DELETE /api/v1/auth/token/."
                )
            ),
        }
