"""`Authorization: Bearer ecs_…`: a service account's token. Checked here, on every request it makes: the
token (401 when unknown, expired or revoked), the scopes (403) and the account's rate limit (429 with
Retry-After). It sits before the personal-token authentication, which never sees an `ecs_` token."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from integrations.models import ServiceAccount
from integrations.permissions import can_call
from integrations.services.accounts import TOKEN_PREFIX, service_token_authenticate

WINDOW = 60  # seconds


def client_address(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _throttle(account: ServiceAccount) -> None:
    window = int(time.time()) // WINDOW
    key = f"svc-rate:{account.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW * 2)
        count = 1
    if count > account.rate_limit_per_minute:
        raise exceptions.Throttled(wait=(window + 1) * WINDOW - time.time())


class ServiceTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if len(header) != 2 or header[0].lower() != b"bearer" or not header[1].startswith(TOKEN_PREFIX.encode()):
            return None
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        token = service_token_authenticate(raw=raw, address=client_address(request))
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is invalid, expired or revoked."))
        account = token.account
        if not can_call(account, path=request.path, method=request.method or "GET"):
            raise exceptions.PermissionDenied(_("This service account's scopes do not allow this request."))
        _throttle(account)
        return account.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
