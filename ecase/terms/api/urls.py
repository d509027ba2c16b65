"""The terms calculator API under /api/v1/terms/ (see ecase/terms/api/views.py)."""

from django.urls import path

from ecase.terms.api.views import TermCalculateView, TermRulesView

urlpatterns = [
    path("terms/rules/", TermRulesView.as_view(), name="terms-rules"),
    path("terms/calculate/", TermCalculateView.as_view(), name="terms-calculate"),
]
