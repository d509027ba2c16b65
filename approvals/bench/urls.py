"""The benchmark's URLconf: the product's URLs plus the floor endpoints. Loaded only by the benchmark's
settings (``approvals.bench.settings``) and the tests, never by the product."""

from django.urls import path

from ecase.urls import handler400, handler403, handler404, handler500
from ecase.urls import urlpatterns as product_urlpatterns

from .floor import CaseFloorView, DecisionFloorView

urlpatterns = [
    path("bench-floor/decisions/", DecisionFloorView.as_view(), name="bench-floor-decisions"),
    path("bench-floor/cases/", CaseFloorView.as_view(), name="bench-floor-cases"),
    *product_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
