"""Admin of the term tables (imported by ecase.admin): every edit audited and followed by a recalculation."""

from __future__ import annotations

from django.contrib import admin

from ecase.admin_base import AuditedAdmin
from ecase.terms.models import InvestigationExtension, InvestigationTerm, TermRule

_TERM = ["amount", "unit", "article", "verified", "note"]


@admin.register(TermRule)
class TermRuleAdmin(AuditedAdmin):
    list_display = ["code", "title", "amount", "unit", "article", "moves_off_non_working", "verified"]
    list_filter = ["unit", "verified", "moves_off_non_working"]
    search_fields = ["code", "title", "article"]
    fields = ["code", "title", *_TERM, "start_event", "moves_off_non_working", "starts_on_working_day"]


class InvestigationExtensionInline(admin.TabularInline):
    model = InvestigationExtension
    extra = 0
    fields = ["authority", *_TERM]


@admin.register(InvestigationTerm)
class InvestigationTermAdmin(AuditedAdmin):
    list_display = ["category", "amount", "unit", "article", "verified"]
    list_filter = ["verified"]
    fields = ["category", *_TERM]
    inlines = [InvestigationExtensionInline]
