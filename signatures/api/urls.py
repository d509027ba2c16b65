from django.urls import path

from .views import DemoSignView

urlpatterns = [
    path("signatures/demo-sign/", DemoSignView.as_view(), name="signature-demo-sign"),
]
