"""Named predicates of the integration platform."""

from __future__ import annotations

from ecase.choices import Role
from ecase.models import User
from integrations.models import ServiceAccount, WebhookSubscription
from integrations.scopes import Scope, scope_required


def service_account_of(user: User) -> ServiceAccount | None:
    try:
        return user.service_account  # type: ignore[no-any-return,attr-defined]
    except ServiceAccount.DoesNotExist:
        return None


def can_call(account: ServiceAccount, *, path: str, method: str) -> bool:
    """A service account may make a request only when a scope it holds covers it."""
    scope = scope_required(path=path, method=method)
    return scope is not None and account.has_scope(scope)


def can_manage_webhook(user: User, subscription: WebhookSubscription) -> bool:
    account = service_account_of(user)
    return account is not None and account.has_scope(Scope.WEBHOOKS) and subscription.account_id == account.pk


def can_list_staff(user: User) -> bool:
    """Those who assign work: prosecutors (and administrators)."""
    return user.is_superuser or user.role in (Role.PROSECUTOR, Role.SENIOR_PROSECUTOR)
