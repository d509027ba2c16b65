from django.urls import path

from . import views

app_name = "legality"

urlpatterns = [path("", views.queue, name="queue")]
