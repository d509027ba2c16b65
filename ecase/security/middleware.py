"""Request-level guards: request id, Permissions-Policy, control characters, the second-factor gate."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ecase.security.logs import request_id_var
from ecase.security.permissions import needs_second_factor

Handler = Callable[[HttpRequest], HttpResponse]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# C0 controls except tab, line feed and carriage return (allowed in form bodies), plus DEL.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_PATH = re.compile(rb"[\x00-\x1f\x7f]")
_FORM = "application/x-www-form-urlencoded"


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_input(request: HttpRequest, where: str) -> HttpResponse:
    message = _("The request contains a control character in its %(where)s.") % {"where": where}
    if _is_api(request):
        return JsonResponse({"code": "invalid_characters", "message": message, "fields": {}}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


class RequestIdMiddleware:
    """Takes a sane X-Request-ID from the proxy or makes one; logs carry it, the response returns it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        # Left set after the response: Django logs 4xx/5xx after the middleware returns. The
        # request_finished signal clears it (ecase.security.wiring).
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ControlCharacterMiddleware:
    """400 for NUL and other control characters in the path, the query string or a form/JSON body,
    before any view or database sees them (PostgreSQL refuses NUL in text and would answer 500)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw_path = request.META.get("PATH_INFO", "")
        if _CONTROL_PATH.search(raw_path.encode("utf-8", "surrogateescape")):
            return bad_input(request, _("address"))
        query = request.META.get("QUERY_STRING", "")
        if _CONTROL.search(unquote_to_bytes(query.replace("+", " "))):
            return bad_input(request, _("query string"))
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type == _FORM or content_type.endswith("json"):
            try:
                body = request.body  # bounded by RequestBodyLimitMiddleware, which runs first
            except RequestDataTooBig:
                return self.get_response(request)  # the view answers 413 as before, never having read it
            raw = unquote_to_bytes(body.replace(b"+", b" ")) if content_type == _FORM else body
            if _CONTROL.search(raw) or (content_type != _FORM and b"\\u0000" in body):
                return bad_input(request, _("body"))
        return self.get_response(request)


class SecondFactorMiddleware:
    """With OTP_REQUIRED on, a staff or admin session that has not passed its second factor may reach only
    the enrolment and verification pages (and logout); API bearer tokens are not sessions and pass."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/jsi18n/", "/healthz", "/readyz")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.OTP_REQUIRED
            and user is not None
            and needs_second_factor(user)
            and not user.is_verified()
            and not request.path_info.startswith(self.ALLOWED_PREFIXES)
        ):
            if _is_api(request):
                if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
                    return self.get_response(request)  # a token, not this session, authenticates the call
                message = _("Confirm your second factor to use this session.")
                return JsonResponse({"code": "second_factor_required", "message": message, "fields": {}}, status=403)
            target = reverse("otp-verify")
            nxt = request.get_full_path()
            if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
                target = f"{target}?next={nxt}"
            return HttpResponseRedirect(target)
        return self.get_response(request)
