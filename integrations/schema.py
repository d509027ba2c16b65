"""OpenAPI pieces of the integration platform: the service-token scheme, the Idempotency-Key header with
its 409 and 422 answers on every POST, If-Match with 412 on writes, and the errors any request under /api/ can
meet (a postprocessing hook, since middleware and the authentication answer them before any view)."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": (
        "Makes a retry safe: the first response to this key (per caller, 24 hours) is stored; a retry with the "
        "same request gets it again (header Idempotent-Replayed: true) without a second effect; the same key "
        "with another request gets 422; a retry while the first still runs gets 409."
    ),
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    target_class = "integrations.authentication.ServiceTokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A service account's token (`ecs_…`), issued by an administrator, sent as "
                "`Authorization: Bearer <token>`. Its scopes are checked on every request (403 outside them)."
            ),
        }


IF_MATCH_PARAMETER = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": (
        "The ETag of the object's detail as read: a write to a changed object answers 412. Optional, unless "
        "the service account is set to require it (then a write without it answers 428)."
    ),
}
IF_MATCH_PATHS = re.compile(r"^/api/v1/(cases|decisions|complaints)/\{id\}/")


# What any request under /api/ may answer, whatever the operation: input refused before the view (a control
# character in the address, an unknown query parameter, a malformed Idempotency-Key), a bad token, a service
# account's scopes, an unknown path or page, the rate limit. All in the one error shape.
COMMON_ERRORS = {
    "400": "Invalid input: field errors, an unknown query parameter, a control character in the address.",
    "401": "The token is unknown, expired or revoked.",
    "403": "The role or the service account's scopes do not allow this request.",
    "404": "No such object (or not visible to you), page or path.",
    "429": "Too many requests: wait for the seconds in Retry-After.",
}


def _add_common_errors(result: dict[str, Any]) -> None:
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                responses = operation.setdefault("responses", {})
                for code, description in COMMON_ERRORS.items():
                    responses.setdefault(code, _error(description))


def add_idempotency(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    has_error = "Error" in result.get("components", {}).get("schemas", {})
    for path, operations in result.get("paths", {}).items():
        post = operations.get("post")
        if not path.startswith("/api/") or post is None:
            continue
        post.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
        if has_error:
            responses = post.setdefault("responses", {})
            responses.setdefault("409", _error("Conflict, or a request with this Idempotency-Key is still running."))
            responses.setdefault("422", _error("This Idempotency-Key was used with a different request."))
    for path, operations in result.get("paths", {}).items():
        if not IF_MATCH_PATHS.match(path):
            continue
        for method in ("post", "patch", "put", "delete"):
            if method in operations:
                operations[method].setdefault("parameters", []).append(IF_MATCH_PARAMETER)
                if has_error:
                    operations[method]["responses"].setdefault("412", _error("If-Match is stale: read it again."))
                    operations[method]["responses"].setdefault(
                        "428", _error("This service account must send If-Match with every write.")
                    )
    if has_error:
        _add_common_errors(result)
    return result
