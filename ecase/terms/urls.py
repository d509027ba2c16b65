from django.urls import path

from ecase.terms import views

app_name = "terms"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
]
