"""The admin's page of log-in lockouts (axes' access attempts): deleting a row lifts the lockout, audited."""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ecase.models import User
from ecase.security.services import login_lockout_lift


class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        assert isinstance(request.user, User)  # noqa: S101 - the admin requires a logged-in user
        login_lockout_lift(attempts=AccessAttempt.objects.filter(pk=obj.pk), actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        assert isinstance(request.user, User)  # noqa: S101
        login_lockout_lift(attempts=queryset, actor=request.user)


def register() -> None:
    """Replace axes' own registration (made at admin autodiscovery, before EcaseConfig.ready())."""
    if admin.site.is_registered(AccessAttempt):
        admin.site.unregister(AccessAttempt)
        admin.site.register(AccessAttempt, AuditedAccessAttemptAdmin)
