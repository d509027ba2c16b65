from django.urls import include, path
from rest_framework.routers import DefaultRouter

from integrations import schema  # noqa: F401 - registers the service-token scheme
from integrations.api.reference import StaffListView
from integrations.api.reference_lists import (
    ComplaintKindListView,
    DecisionKindListView,
    PublicOfficeListView,
    SuspensionGroundListView,
    TerminationGroundListView,
)
from integrations.api.views import EventFeedView, WebhookViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    path("events/", EventFeedView.as_view(), name="event-feed"),
    path("reference/staff/", StaffListView.as_view(), name="reference-staff"),
    path("reference/termination-grounds/", TerminationGroundListView.as_view(), name="reference-termination-grounds"),
    path("reference/suspension-grounds/", SuspensionGroundListView.as_view(), name="reference-suspension-grounds"),
    path("reference/decision-kinds/", DecisionKindListView.as_view(), name="reference-decision-kinds"),
    path("reference/complaint-kinds/", ComplaintKindListView.as_view(), name="reference-complaint-kinds"),
    path("reference/public-offices/", PublicOfficeListView.as_view(), name="reference-public-offices"),
    path("", include(router.urls)),
]
