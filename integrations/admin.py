"""Service accounts in the admin: created, re-scoped and given tokens through the services (audited);
a new token is shown once, in the confirmation message."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integrations.forms import ServiceAccountForm
from integrations.models import ServiceAccount, ServiceToken, WebhookDelivery, WebhookSubscription
from integrations.services import accounts, webhooks


class ServiceTokenInline(admin.TabularInline):
    model = ServiceToken
    extra = 0
    can_delete = False
    readonly_fields = ["prefix", "created_at", "expires_at", "revoked_at", "last_used_at", "last_used_ip"]
    fields = tuple(readonly_fields)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceAccount)
class ServiceAccountAdmin(admin.ModelAdmin):
    form = ServiceAccountForm
    list_display = ["name", "user", "is_active", "created_at"]
    readonly_fields = ["user", "is_active", "created_at", "created_by"]
    inlines = [ServiceTokenInline]
    actions = ["issue_token", "revoke_tokens"]

    def save_model(self, request: HttpRequest, obj: ServiceAccount, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            created = accounts.service_account_create(
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                scopes=data["scopes"],
                actor=request.user,  # type: ignore[arg-type]
            )
            obj.pk, obj.user, obj.scopes = created.pk, created.user, created.scopes
            ServiceAccount.objects.filter(pk=obj.pk).update(
                rate_limit_per_minute=data["rate_limit_per_minute"], require_if_match=data["require_if_match"]
            )
            return
        accounts.service_account_set_scopes(account_id=obj.pk, scopes=data["scopes"], actor=request.user)  # type: ignore[arg-type]
        ServiceAccount.objects.filter(pk=obj.pk).update(
            rate_limit_per_minute=obj.rate_limit_per_minute, require_if_match=obj.require_if_match
        )

    @admin.action(description=gettext_lazy("Issue a new token (older ones expire in 24 hours)"))
    def issue_token(self, request: HttpRequest, queryset: QuerySet[ServiceAccount]) -> None:
        for account in queryset:
            _token, raw = accounts.service_token_issue(account_id=account.pk, actor=request.user)  # type: ignore[arg-type]
            self.message_user(
                request,
                _("New token for %(name)s (shown once): %(token)s") % {"name": account.name, "token": raw},
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Revoke every token"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ServiceAccount]) -> None:
        for token in ServiceToken.objects.filter(account__in=queryset, revoked_at__isnull=True):
            accounts.service_token_revoke(token_id=token.pk, actor=request.user)  # type: ignore[arg-type]


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    readonly_fields = [
        "position",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
    ]
    fields = tuple(readonly_fields)
    ordering = ["-position"]
    max_num = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        return super().get_queryset(request).order_by("-position")[:50]  # type: ignore[return-value]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["account", "url", "is_active", "cursor"]
    readonly_fields = ["account", "url", "event_types", "is_active", "cursor", "created_at"]
    actions = ["deactivate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # subscriptions are the service account's own, through the API

    @admin.action(description=gettext_lazy("Deactivate"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            webhooks.webhook_deactivate(subscription_id=subscription.pk, actor=request.user)  # type: ignore[arg-type]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscription", "position", "status", "attempts", "last_status_code", "delivered_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["redeliver"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Redeliver"))
    def redeliver(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        for delivery in queryset:
            webhooks.webhook_redeliver(delivery_id=delivery.pk, actor=request.user)  # type: ignore[arg-type]
