from django.contrib import admin

from .models import Finding, ScanRun


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """Read-only: findings change through the rules and the prosecutor's actions (audited), never here."""

    list_display = ["rule", "severity", "case", "object_key", "status", "first_seen", "last_seen"]
    list_filter = ["status", "severity", "rule"]
    search_fields = ["case__number", "object_key"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ScanRun)
class ScanRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "processed", "total", "batches", "opened", "resolved", "active"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
