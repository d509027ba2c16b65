from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("bulk-approve/", views.bulk_approve, name="bulk-approve"),
    path("filters/", views.filter_save, name="filter-save"),
    path("filters/<int:pk>/delete/", views.filter_delete, name="filter-delete"),
    path("mine/", views.mine, name="mine"),
    path("court/", views.court, name="court"),
    path("new/<int:case_id>/<slug:kind>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/documents/", views.attach_document, name="attach-document"),
    path("<int:pk>/suspect-notified/", views.suspect_notified, name="suspect-notified"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
]
