"""Django admin for the case register.

The register itself (cases, participants, documents, actions, the audit trail) is read-only here: it changes
only through the services, which check the rules and write the audit trail. Reference data (termination
grounds, calendar exceptions), organisations and users are edited here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from ecase.admin_base import AuditedAdmin, ReadOnlyInline, ReadOnlyMixin, all_fields
from ecase.models import (
    ApiToken,
    AuditEvent,
    AuditVerification,
    CalendarException,
    Case,
    Document,
    InvestigativeAction,
    Organisation,
    Participant,
    Person,
    RegisterCounter,
    TerminationGround,
    User,
)
from ecase.services.tokens import token_revoke

admin.site.site_header = _("eCase administration")
admin.site.site_title = _("eCase administration")
admin.site.index_title = _("Administration")


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["tree_name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj: Organisation) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        return f"{'— ' * depth}{obj.name}"


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):  # type: ignore[misc]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("eCase"), {"fields": ("role", "organisation", "is_service_account", "iin", "phone", "language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("eCase"), {"classes": ("wide",), "fields": ("role", "organisation", "is_service_account")}),
    )
    list_display = ["username", "get_full_name", "role", "organisation", "is_service_account", "is_active"]
    list_filter = ["role", "is_service_account", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "iin"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = all_fields(ApiToken)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are issued through the API; the raw key is shown only once, there

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or request.user.has_perm("ecase.change_apitoken")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token_revoke(token=token)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens)) % {"count": len(tokens)},
            messages.SUCCESS,
        )


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = readonly_fields = ("role", "person", "qualification", "added_at", "added_by")


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = readonly_fields = (
        "title",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "uploaded_by",
    )


class InvestigativeActionInline(ReadOnlyInline):
    model = InvestigativeAction
    fields = readonly_fields = ("kind", "performed_at", "restricts_rights", "review", "legal_basis", "basis_reference")


@admin.register(Case)
class CaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Cases are registered and moved only through the services; the status is never edited here."""

    list_display = [
        "number",
        "registered_at",
        "qualification",
        "category",
        "status",
        "investigation_body",
        "supervising_office",
        "term_expires_at",
    ]
    list_filter = ["status", "category", "severity"]
    search_fields = ["number", "qualification"]
    list_select_related = ["investigation_body", "supervising_office"]
    date_hierarchy = "registered_at"
    readonly_fields = all_fields(Case)
    inlines = [ParticipantInline, DocumentInline, InvestigativeActionInline]
    show_full_result_count = False


@admin.register(Person)
class PersonAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["full_name", "iin", "birth_date", "phone", "email"]
    search_fields = ["full_name", "=iin"]
    readonly_fields = all_fields(Person)


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["person", "role", "case", "added_at"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "=person__iin", "case__number"]
    list_select_related = ["person", "case"]
    readonly_fields = all_fields(Participant)


@admin.register(Document)
class DocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "original_name", "case", "content_type", "size", "uploaded_at"]
    search_fields = ["title", "original_name", "=sha256", "case__number"]
    list_select_related = ["case"]
    # The file itself is downloaded from the case page, which checks visibility.
    readonly_fields = [f for f in all_fields(Document) if f != "file"]
    exclude = ["file"]


@admin.register(InvestigativeAction)
class InvestigativeActionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["kind", "case", "performed_at", "restricts_rights", "review"]
    list_filter = ["kind", "review", "restricts_rights"]
    search_fields = ["case__number", "description"]
    list_select_related = ["case"]
    readonly_fields = all_fields(InvestigativeAction)


@admin.register(TerminationGround)
class TerminationGroundAdmin(TranslationAdmin, AuditedAdmin):
    list_display = ["code", "article", "title", "is_rehabilitating"]
    list_filter = ["is_rehabilitating"]
    search_fields = ["code", "article", "title"]
    fields = ["code", "article", "title", "is_rehabilitating"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedAdmin):
    list_display = ["date", "kind", "note", "source"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"


@admin.register(RegisterCounter)
class RegisterCounterAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["scope", "value"]
    readonly_fields = ["scope", "value"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The audit trail: append-only, never edited or deleted, here or anywhere."""

    list_display = [
        "seq",
        "position",
        "occurred_at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["=object_id", "=case__number"]
    readonly_fields = all_fields(AuditEvent)
    ordering = ["-seq"]
    show_full_result_count = False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(AuditVerification)
class AuditVerificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["started_at", "ok", "events_checked", "first_failure"]
    readonly_fields = all_fields(AuditVerification)


# The pages of the register's packages (each imports only ecase.admin_base).
from ecase import admin_clock as _clock_admin  # noqa: E402, F401
from ecase.notifications import admin as _notifications_admin  # noqa: E402, F401
from ecase.reminders import admin as _reminders_admin  # noqa: E402, F401
from ecase.terms import admin as _terms_admin  # noqa: E402, F401
