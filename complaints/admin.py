from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ecase.admin_base import AuditedAdmin, ReadOnlyAdmin  # complaints change only through their services

from .models import Complaint, ComplaintExplanation, ComplaintKind, ComplaintNotice


@admin.register(ComplaintKind)
class ComplaintKindAdmin(TranslationAdmin, AuditedAdmin):
    """The terms table: editable, because several terms are defaults awaiting legal confirmation."""

    list_display = (
        "code",
        "title",
        "term_value",
        "term_unit",
        "extension_limit_value",
        "extension_limit_unit",
        "explanation_term_working_days",
        "legal_basis",
        "basis_verified",
        "is_active",
    )
    list_editable = ("term_value", "is_active")
    fieldsets = (
        (None, {"fields": ("code", "title", "is_active", "order")}),
        (_("Answer term"), {"fields": ("term_value", "term_unit", "legal_basis", "basis_verified")}),
        (_("Extension"), {"fields": ("extension_limit_value", "extension_limit_unit", "extension_basis")}),
        (
            _("Other terms"),
            {
                "fields": (
                    "forwarding_term_working_days",
                    "forwarding_basis",
                    "explanation_term_working_days",
                    "explanation_basis",
                )
            },
        ),
        (None, {"fields": ("rights_notice",)}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: ComplaintKind | None = None) -> tuple[str, ...]:
        # Complaints refer to the kind by its code.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: ComplaintKind | None = None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("tracking_number", "kind", "status", "office", "executor", "received_at", "due_at", "answered_at")
    list_filter = ("status", "kind", "channel")
    search_fields = ("tracking_number", "complainant_name", "case_number")
    date_hierarchy = "received_at"
    list_select_related = ("kind", "office", "executor")
    exclude = ("access_key_hash",)


@admin.register(ComplaintExplanation)
class ComplaintExplanationAdmin(ReadOnlyAdmin):
    list_display = ("held_at", "form", "recorded_by", "recorded_at")
    list_select_related = ("recorded_by",)


@admin.register(ComplaintNotice)
class ComplaintNoticeAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "event", "recipient", "sent_at")
    list_select_related = ("complaint",)
