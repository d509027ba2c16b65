from django.urls import include, path
from rest_framework.routers import DefaultRouter

from integrations import schema  # noqa: F401 - registers the service-token scheme
from integrations.api.reference import StaffListView
from integrations.api.views import EventFeedView, WebhookViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    path("events/", EventFeedView.as_view(), name="event-feed"),
    path("reference/staff/", StaffListView.as_view(), name="reference-staff"),
    path("", include(router.urls)),
]
