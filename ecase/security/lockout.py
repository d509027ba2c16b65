"""django-axes glue: the client address, the lockout answer (JSON under /api/, a page elsewhere) and the
receiver that turns each lockout into an audit event and a notice to the auditors."""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from ecase.security.services import login_lockout_record


def client_ip(request: HttpRequest) -> str:
    """The peer address only: a client-sent X-Forwarded-For is never trusted here. Behind a reverse proxy
    gunicorn rewrites REMOTE_ADDR from the proxy's header only for FORWARDED_ALLOW_IPS."""
    return str(request.META.get("REMOTE_ADDR") or "")


def lockout_message(request: HttpRequest | None) -> str:
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    return ngettext(
        "Too many failed log-in attempts. This account and address are locked; try again in %(minutes)d minute.",
        "Too many failed log-in attempts. This account and address are locked; try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    message = lockout_message(request)
    cool_off = get_cool_off(request)
    retry_after = str(int(cool_off.total_seconds())) if cool_off else "0"
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse({"code": "locked_out", "message": message, "fields": {}}, status=429)
    else:
        response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response


def on_user_locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    """axes `user_locked_out` signal: the only hook the library offers; the work is the service's.
    Recorded once per lockout, when the failure that reaches the limit locks; attempts refused while locked
    do not add events (nor do they extend the lockout: AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)."""
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    path = request.path_info if request is not None else ""
    login_lockout_record(username=username or "", ip_address=ip_address or "", path=path)


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for every HTTP log-in. A call without a request (a shell, the test client's
    login()) is no HTTP log-in and cannot be guessed at from outside, so it is left to the next backend."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[arg-type]
