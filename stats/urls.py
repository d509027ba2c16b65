"""Statistics pages: /stats/ (filters in the query string) and its CSV export."""

from django.urls import path

from stats import views

app_name = "stats"

urlpatterns = [
    path("", views.stats_page, name="index"),
    path("export.csv", views.stats_csv, name="csv"),
]
