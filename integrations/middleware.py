"""The Idempotency-Key middleware for POST under /api/ (see integrations.services.idempotency)."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from integrations.services import idempotency as idem


def _error(status: int, code: str, message: str) -> HttpResponse:
    body = json.dumps({"code": code, "message": message, "fields": {}})
    return HttpResponse(body, status=status, content_type="application/json")


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get("HTTP_IDEMPOTENCY_KEY")
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not key or len(key) > idem.MAX_KEY or not key.isprintable():
            return _error(400, "invalid", _("Idempotency-Key must be 1 to 255 printable characters."))
        principal = idem.request_principal(request)
        if principal is None:
            return self.get_response(request)
        claim = idem.idempotency_claim(principal=principal, key=key, fingerprint=idem.request_fingerprint(request))
        record = claim.record
        if not claim.fresh:
            if record.request_hash != idem.request_fingerprint(request):
                return _error(
                    422, "idempotency_key_reused", _("This Idempotency-Key was used with a different request.")
                )
            if record.status_code is None:
                return _error(409, "idempotency_in_progress", _("A request with this Idempotency-Key is running."))
            replay = HttpResponse(bytes(record.body), status=record.status_code, content_type=record.content_type)
            replay["Idempotent-Replayed"] = "true"
            return replay
        try:
            response = self.get_response(request)
        except BaseException:
            idem.idempotency_release(record=record)
            raise
        idem.idempotency_complete(record=record, response=response)
        return response
