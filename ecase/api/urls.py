"""The register API under /api/v1/: authentication tokens, organisations, cases (see ecase/api/views.py)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ecase.api import schema  # noqa: F401 - registers the bearer-token scheme with drf-spectacular
from ecase.api.detentions import DetentionViewSet, RehabilitationViewSet
from ecase.api.token_views import TokenView
from ecase.api.views import CaseViewSet, OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("cases", CaseViewSet, basename="case")
router.register(r"cases/(?P<case_id>\d+)/detentions", DetentionViewSet, basename="case-detention")
router.register(r"cases/(?P<case_id>\d+)/rehabilitations", RehabilitationViewSet, basename="case-rehabilitation")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("", include(router.urls)),
]
