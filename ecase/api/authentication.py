from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ecase.services.tokens import token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` with a token from POST /api/v1/auth/token/."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: expected 'Bearer <token>'."))
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        token = token_authenticate(raw=raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is invalid, expired or revoked."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
