from django.urls import path

from ecase import views

urlpatterns = [
    path("", views.home, name="home"),
]
