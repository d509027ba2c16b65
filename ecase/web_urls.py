from django.urls import include, path

from ecase import views
from ecase.audit import views as audit_views

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", include(("ecase.case_urls", "cases"))),
    path("audit/", audit_views.audit_page, name="audit-page"),
    path("audit/export/", audit_views.audit_export, name="audit-export"),
    path("audit/verify/", audit_views.audit_verify_now, name="audit-verify"),
]
