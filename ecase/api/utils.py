"""Small helpers shared by the API views of every app."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.request import Request

from ecase.models import User


def request_user(request: Request | HttpRequest) -> User:
    """The authenticated user of a request whose view requires authentication (``IsAuthenticated`` or
    ``login_required`` ran first), typed as eCase's User."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - authentication was required before the view ran
    return user
