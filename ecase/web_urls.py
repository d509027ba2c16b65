from django.urls import include, path

from ecase import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", include(("ecase.case_urls", "cases"))),
]
