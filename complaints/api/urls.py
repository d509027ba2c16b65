from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .public import PublicComplaintAppealView, PublicComplaintCreateView, PublicComplaintStatusView
from .views import ComplaintViewSet

router = SimpleRouter()
router.register("complaints", ComplaintViewSet, basename="complaint")

urlpatterns = [
    path("public/complaints/", PublicComplaintCreateView.as_view(), name="complaints-public-create"),
    path(
        "public/complaints/<str:tracking_number>/",
        PublicComplaintStatusView.as_view(),
        name="complaints-public-status",
    ),
    path(
        "public/complaints/<str:tracking_number>/appeal/",
        PublicComplaintAppealView.as_view(),
        name="complaints-public-appeal",
    ),
    path("", include(router.urls)),
]
