from django.urls import path

from . import stats_views, views

app_name = "legality"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<int:case_id>/record/", views.record, name="record"),
    path("stats/", stats_views.stats_page, name="stats"),
    path("stats/export.csv", stats_views.stats_csv, name="stats-csv"),
]
