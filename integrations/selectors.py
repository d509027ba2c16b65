"""Reads: the change feed over the audit trail, webhook subscriptions and deliveries.

The feed serves only *linked* events, in chain `position` order. The linker (ecase.audit.linker) links an
event only once every event that could come before it is committed or gone, and positions are dense; so a
reader that resumes after position P never misses an event committed late (it is linked after P) and never
sees one twice. Events committed but not yet linked wait a few seconds (the linker runs every 5 s; the
feed also links on demand).
"""

from __future__ import annotations

import base64
import binascii

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ecase.choices import Role
from ecase.models import AuditEvent, User
from ecase.selectors import case_list_visible_to
from ecase.visibility import visible_organisations
from integrations.models import ServiceAccount, WebhookDelivery, WebhookSubscription
from integrations.permissions import service_account_of
from integrations.scopes import FEED_DEFAULT_SCOPE, FEED_SCOPE_BY_APP

CURSOR_VERSION = "p1"


def cursor_encode(position: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_VERSION}:{position}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> int:
    """The position after which to read; ValueError (a 400) for anything this server did not hand out."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, position = text.split(":", 1)
        if version != CURSOR_VERSION or not position.isdigit():
            raise ValueError
        return int(position)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError(_("The cursor is not valid.")) from exc


def _scope_q(account: ServiceAccount) -> Q:
    """The events whose object a service account's scopes let it read."""
    q = Q(pk__in=[])
    apps = set(FEED_SCOPE_BY_APP)
    for app, scope in FEED_SCOPE_BY_APP.items():
        if account.has_scope(scope):
            q |= Q(object_type__startswith=f"{app}.")
    if account.has_scope(FEED_DEFAULT_SCOPE):
        other = Q()
        for app in apps:
            other &= ~Q(object_type__startswith=f"{app}.")
        q |= other
    return q


def event_feed_visible_to(*, user: User, types: list[str] | None = None) -> QuerySet[AuditEvent]:
    """Linked events the user may see, in chain order: those of a case the user sees (a superuser: all),
    narrowed for a service account to its scopes. Events of no case (configuration, accounts) are shown to
    superusers only."""
    events = AuditEvent.objects.filter(position__isnull=False)
    if not user.is_superuser:
        events = events.filter(case__in=case_list_visible_to(user=user).values("pk"))
    account = service_account_of(user)
    if account is not None:
        events = events.filter(_scope_q(account))
    if types:
        events = events.filter(action__in=types)
    return events.order_by("position")


def event_page(*, user: User, after: int, limit: int, types: list[str] | None = None) -> list[AuditEvent]:
    return list(event_feed_visible_to(user=user, types=types).filter(position__gt=after)[:limit])


def staff_list_visible_to(*, user: User) -> QuerySet[User]:
    """Active staff (no citizens, no service accounts) of the organisations the user sees, by name."""
    return (
        User.objects.filter(is_active=True, organisation__in=visible_organisations(user), service_account__isnull=True)
        .exclude(role=Role.CITIZEN)
        .order_by("last_name", "first_name", "id")
    )


def webhook_list_for(*, user: User) -> QuerySet[WebhookSubscription]:
    account = service_account_of(user)
    if account is None:
        return WebhookSubscription.objects.none()
    return WebhookSubscription.objects.filter(account=account).order_by("id")


def webhook_get_for(*, user: User, subscription_id: int) -> WebhookSubscription:
    return webhook_list_for(user=user).get(pk=subscription_id)


def delivery_list(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    return subscription.deliveries.select_related("event").order_by("-position")
