"""Notification centre pages (filled in by the deadlines work)."""

app_name = "notifications"

urlpatterns: list = []
