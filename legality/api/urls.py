from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .stats import LegalityStatsView
from .views import FindingViewSet, LegalityRulesView

router = DefaultRouter()
router.include_root_view = False
router.register("legality/findings", FindingViewSet, basename="finding")

urlpatterns = [
    path("legality/rules/", LegalityRulesView.as_view(), name="legality-rules"),
    path("legality/stats/", LegalityStatsView.as_view(), name="legality-stats-api"),
    path("", include(router.urls)),
]
