"""Admin pages of the delivery log and of the users' notification settings (read-only: services write them)."""

from __future__ import annotations

from django.contrib import admin

from ecase.admin_base import ReadOnlyAdmin
from ecase.models import Delivery, NotificationPreference


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "channel", "recipient", "message_key", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "language", "message_key"]
    search_fields = ["recipient", "message_key", "error"]
    date_hierarchy = "created_at"
    raw_id_fields = ["notification", "user"]
    list_select_related = ["user"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "event", "in_app", "email", "sms", "updated_at"]
    list_filter = ["event"]
    search_fields = ["user__username", "event"]
    raw_id_fields = ["user"]
