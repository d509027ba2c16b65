"""The notification centre API under /api/v1/notifications/."""
