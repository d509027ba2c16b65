"""Notification centre API under /api/v1/notifications/ (see ecase/notifications/api/views.py)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from ecase.notifications.api.preferences import NotificationPreferencesView
from ecase.notifications.api.views import NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    # Before the router: "preferences" is not a notification id.
    path("notifications/preferences/", NotificationPreferencesView.as_view(), name="notification-preferences"),
    path("", include(router.urls)),
]
