"""Notification centre API (filled in by the deadlines work)."""

urlpatterns: list = []
