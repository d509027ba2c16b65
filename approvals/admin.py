"""Admin: the terms of each kind are editable (legal.md marks them (C)); decisions, their documents and
signatures are read-only here, because they change only through the services (and their status never
by hand)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ecase.admin_base import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline

from .kinds import kind_spec
from .models import DecisionDocument, DecisionKindTerm, DecisionSignature, ProceduralDecision


@admin.register(DecisionKindTerm)
class DecisionKindTermAdmin(AuditedAdmin):
    list_display = ["kind", "term_amount", "term_unit", "court_term_amount", "court_term_unit", "article", "note"]
    readonly_fields = ["kind", "legal_basis"]
    fields = [
        "kind",
        "legal_basis",
        "article",
        "term_amount",
        "term_unit",
        "court_term_amount",
        "court_term_unit",
        "note",
    ]

    @admin.display(description=_("legal basis"))
    def legal_basis(self, obj: DecisionKindTerm) -> str:
        return kind_spec(obj.kind).legal_basis

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per kind, seeded by the data migration

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionDocumentInline(ReadOnlyInline):
    model = DecisionDocument
    readonly_fields = ["document", "added_at"]


@admin.register(ProceduralDecision)
class ProceduralDecisionAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "status", "case", "author", "submitted_at", "due_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["case__number", "text"]
    list_select_related = ["case", "author"]
    date_hierarchy = "created_at"
    inlines = [DecisionDocumentInline]


@admin.register(DecisionSignature)
class DecisionSignatureAdmin(ReadOnlyAdmin):
    list_display = ["decision", "algorithm", "key_id", "signed_by", "signed_at"]
    list_select_related = ["decision", "signed_by"]
