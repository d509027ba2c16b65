from django.urls import path

from stats.api import views

urlpatterns = [
    path("stats/", views.StatsView.as_view(), name="stats-api"),
    path("stats/<slug:code>/", views.StatsIndicatorView.as_view(), name="stats-api-indicator"),
]
