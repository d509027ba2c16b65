"""Root URLs. Apps plug in their pages under their own prefixes and their API under /api/v1/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("ecase.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("ecase.api.urls")),
    path("api/v1/", include("ecase.notifications.api.urls")),
    path("api/v1/", include("ecase.terms.api.urls")),
    path("api/v1/", include("approvals.api.urls")),
    path("api/v1/", include("signatures.api.urls")),
    path("api/v1/", include("complaints.api.urls")),
    path("api/v1/", include("stats.api.urls")),
    path("api/v1/", include("integrations.api.urls")),
    path("api/v1/", include("legality.api.urls")),
    path("decisions/", include("approvals.urls")),
    path("complaints/", include("complaints.urls")),
    path("stats/", include("stats.urls")),
    path("legality/", include("legality.urls")),
    path("notifications/", include("ecase.notifications.urls")),
    path("terms/", include("ecase.terms.urls")),
    path("", include("ecase.web_urls")),
]

handler400 = "ecase.error_views.bad_request"
handler403 = "ecase.error_views.permission_denied"
handler404 = "ecase.error_views.not_found"
handler500 = "ecase.error_views.server_error"
