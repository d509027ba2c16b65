"""POST /api/v1/auth/token/ issues a bearer token; DELETE revokes the token the request was made with."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from ecase.api.authentication import BearerTokenAuthentication
from ecase.api.schema import error_responses
from ecase.api.serializers import CredentialsSerializer, TokenSerializer
from ecase.models import ApiToken, User
from ecase.services.tokens import token_issue, token_revoke


class UsernameRateThrottle(SimpleRateThrottle):
    """Counts attempts per username (at the `auth` rate), so guessing one account's password from many
    addresses is limited too. The per-address limit is DRF's ScopedRateThrottle with the same scope."""

    scope = "auth"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request.method != "POST":
            return None
        data = request.data
        username = data.get("username") if hasattr(data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        ident = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": "auth_username", "ident": ident}


class TokenView(APIView):
    """Bearer tokens for API clients, people and service accounts alike.

    Wrong credentials (or an inactive account) answer 400 with the credentials error under
    `fields.non_field_errors`, like any other invalid input: the caller is not authenticating the request
    itself, it is submitting a form. A revoked or expired token used later answers 401.
    """

    authentication_classes = [BearerTokenAuthentication]
    throttle_classes = [ScopedRateThrottle, UsernameRateThrottle]
    throttle_scope = "auth"

    def get_permissions(self) -> list[Any]:
        if self.request is not None and self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    @extend_schema(
        operation_id="auth_token_create",
        summary="Issue a bearer token",
        description=(
            "Exchange a username and password for a token, valid for API_TOKEN_LIFETIME. The token is shown once; "
            "only its hash is stored. Wrong credentials or an inactive account: 400. Rate-limited (scope `auth`)."
        ),
        request=CredentialsSerializer,
        responses={201: TokenSerializer, **error_responses(400, 415)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if not isinstance(user, User) or not user.is_active:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to log in with the provided username and password.")]},
                code="invalid_credentials",
            )
        token, raw = token_issue(user=user, name="api")
        body = TokenSerializer({"token": raw, "token_type": "Bearer", "expires_at": token.expires_at}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="auth_token_destroy",
        summary="Revoke the token of this request",
        description="Revokes the bearer token sent with this request. Using it afterwards answers 401.",
        request=None,
        responses={204: OpenApiResponse(description="Revoked."), **error_responses()},
    )
    def delete(self, request: Request) -> Response:
        assert isinstance(request.auth, ApiToken)  # noqa: S101 - the only authentication class gives one
        token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
