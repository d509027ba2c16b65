"""Admin pages of the detention clock, the suspension grounds and rehabilitations (imported by
ecase.deadline_sources, so they live beside ecase/admin.py without growing it). Detentions and
rehabilitations are read-only here: they change only through their services. Suspension grounds are
reference data an administrator edits (retire a ground with "in use" rather than deleting it)."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ecase.admin_base import ReadOnlyMixin, all_fields
from ecase.models import Detention, Rehabilitation, SuspensionGround


@admin.register(SuspensionGround)
class SuspensionGroundAdmin(TranslationAdmin):
    list_display = ["code", "article", "title", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "article", "title"]
    fields = ["code", "article", "title", "is_active"]


@admin.register(Detention)
class DetentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["person", "case", "detained_at", "ends_at", "exceptional", "status"]
    list_filter = ["status", "exceptional"]
    search_fields = ["case__number", "person__full_name"]
    list_select_related = ["case", "person"]
    readonly_fields = all_fields(Detention)


@admin.register(Rehabilitation)
class RehabilitationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["person", "case", "ground_code", "rehabilitated_at", "handover_due_at", "handed_over_at"]
    search_fields = ["case__number", "person__full_name"]
    list_select_related = ["case", "person"]
    readonly_fields = all_fields(Rehabilitation)
