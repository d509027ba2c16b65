"""API tokens: issued once in the clear, stored as SHA-256, expiring and revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.models import ApiToken, User


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for an active user: (the stored token, the raw key to hand out once)."""
    if not user.is_active:
        raise PermissionDenied(_("An inactive account gets no API token."))
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(raw),
        prefix=raw[:8],
        name=name[:100],
        created_at=now,
        expires_at=now + settings.API_TOKEN_LIFETIME,
    )
    return token, raw


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token for a raw key, or None. Marks the token used (at most once a minute)."""
    token = ApiToken.objects.select_related("user", "user__organisation").filter(key_hash=_hash(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_revoke(*, token: ApiToken) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
