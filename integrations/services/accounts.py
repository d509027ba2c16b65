"""Service accounts: creation, tokens (shown once, stored hashed, expiring, rotated with a grace period,
revoked) and their authentication. Every change is an audit event."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.audit.services import audit_record
from ecase.choices import Role
from ecase.models import Organisation, User
from integrations.models import ServiceAccount, ServiceToken
from integrations.scopes import Scope

TOKEN_PREFIX = "ecs_"  # noqa: S105 - tells a service token from a personal one at a glance (and to the authentication)
DEFAULT_LIFETIME = timedelta(days=90)
DEFAULT_GRACE = timedelta(hours=24)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        raise ValidationError({"scopes": _("Unknown scopes: %(names)s.") % {"names": ", ".join(unknown)}})
    return sorted(set(scopes))


def service_account_create(
    *, name: str, organisation: Organisation, role: str, scopes: list[str], actor: User | None
) -> ServiceAccount:
    """A service account acting as a user of `role` in `organisation` (no password: tokens only)."""
    scopes = _check_scopes(scopes)
    if role not in Role.values or role == Role.CITIZEN:
        raise ValidationError({"role": _("A service account needs a staff role.")})
    with transaction.atomic():
        user = User(username=f"svc-{secrets.token_hex(6)}", first_name=name[:150], role=role, organisation=organisation)
        user.set_unusable_password()
        user.save()
        account = ServiceAccount.objects.create(name=name, user=user, scopes=scopes, created_by=actor)
        audit_record(action="service_account.created", obj=account, actor=actor, data={"scopes": scopes})
    return account


def service_account_set_scopes(*, account_id: int, scopes: list[str], actor: User | None) -> ServiceAccount:
    scopes = _check_scopes(scopes)
    with transaction.atomic():
        account = ServiceAccount.objects.select_for_update().get(pk=account_id)
        old = account.scopes
        account.scopes = scopes
        account.save(update_fields=["scopes"])
        audit_record(
            action="service_account.scopes_changed", obj=account, actor=actor, data={"from": old, "to": scopes}
        )
    return account


def service_token_issue(
    *, account_id: int, actor: User | None, lifetime: timedelta = DEFAULT_LIFETIME, grace: timedelta = DEFAULT_GRACE
) -> tuple[ServiceToken, str]:
    """A new token (returned raw once). The account's older valid tokens stay valid for `grace` only:
    rotation without downtime, at most two valid tokens during the grace period."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        account = ServiceAccount.objects.select_for_update().get(pk=account_id)
        ServiceToken.objects.filter(account=account, revoked_at__isnull=True, expires_at__gt=now + grace).update(
            expires_at=now + grace
        )
        token = ServiceToken.objects.create(
            account=account, key_hash=token_hash(raw), prefix=raw[:12], created_at=now, expires_at=now + lifetime
        )
        audit_record(
            action="service_token.issued",
            obj=account,
            actor=actor,
            data={"token": token.prefix, "expires_at": token.expires_at},
        )
    return token, raw


def service_token_revoke(*, token_id: int, actor: User | None) -> ServiceToken:
    with transaction.atomic():
        token = ServiceToken.objects.select_for_update().select_related("account").get(pk=token_id)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(action="service_token.revoked", obj=token.account, actor=actor, data={"token": token.prefix})
    return token


def service_token_authenticate(*, raw: str, address: str | None) -> ServiceToken | None:
    """The valid token for a raw key, or None. Records its last use and address (at most once a minute)."""
    token = (
        ServiceToken.objects.select_related("account", "account__user", "account__user__organisation")
        .filter(key_hash=token_hash(raw))
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_valid_at(now) or not token.account.is_active or not token.account.user.is_active:
        return None
    stale = token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60
    if stale or token.last_used_ip != address:
        ServiceToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=address)
    return token
