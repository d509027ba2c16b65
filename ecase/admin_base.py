"""Base classes of every app's admin pages: read-only views of records that change only through services,
and audited editing of configuration tables. Kept apart from ecase/admin.py (the register's own pages), so
that the packages whose pages ecase/admin.py pulls in (terms, detention, reminders) can import them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from ecase.models import User
from ecase.services.config import config_object_delete, config_object_save


class ReadOnlyMixin:
    """View only: no add, no change, no delete. Rows are written by the services."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """A model admin that only reads (every app's records that change only through its services)."""


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    """An inline that only lists the related rows."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False


class AuditedAdmin(admin.ModelAdmin):
    """A configuration table edited here: saving and deleting go through ecase.services.config, which
    audits every edit (who, old and new values) and recomputes the deadlines that depend on it. Inline rows
    go the same way."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        config_object_save(obj=obj, actor=_actor(request))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        config_object_delete(obj=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            config_object_delete(obj=obj, actor=_actor(request))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            config_object_delete(obj=obj, actor=_actor(request))
        for obj in instances:
            config_object_save(obj=obj, actor=_actor(request))
        formset.save_m2m()


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def all_fields(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.fields]
