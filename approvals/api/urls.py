from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import DecisionKindsView, DecisionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("decisions", DecisionViewSet, basename="decision")

urlpatterns = [
    path("decision-kinds/", DecisionKindsView.as_view(), name="decision-kinds"),
    path("", include(router.urls)),
]
