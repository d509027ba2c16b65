"""Admin pages for notices and notifications: read-only records (the status is never edited by hand)."""

from __future__ import annotations

from django.contrib import admin

from ecase.admin_base import ReadOnlyAdmin, ReadOnlyInline
from ecase.models import EmailDelivery, Notice, Notification


class EmailDeliveryInline(ReadOnlyInline):
    model = EmailDelivery
    fields = ["recipient", "address", "attempts", "sent_at"]
    readonly_fields = ["recipient", "address", "attempts", "sent_at"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["source", "item_id", "stage", "deadline", "status", "attempts", "enqueued_at", "sent_at"]
    list_filter = ["status", "stage", "source"]
    search_fields = ["description"]
    date_hierarchy = "deadline"
    inlines = [EmailDeliveryInline]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "user", "level", "message_key", "must_act", "created_at", "read_at", "closed_at"]
    list_filter = ["level", "must_act", "message_key"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "notice"]
