from django.urls import path

from ecase.security import health, views

urlpatterns = [
    path("accounts/2fa/", views.otp_verify_view, name="otp-verify"),
    path("accounts/2fa/setup/", views.otp_enrol_view, name="otp-enrol"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
