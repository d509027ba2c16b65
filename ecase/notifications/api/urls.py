"""Notification centre API under /api/v1/notifications/ (see ecase/api/notifications.py)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from ecase.api.notifications import NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("", include(router.urls)),
]
