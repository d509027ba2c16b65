"""Case register pages, included under /cases/ with the namespace "cases"."""

from django.urls import path

from ecase import detention_views, views

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_register, name="register"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/participants/", views.participant_add, name="participant-add"),
    path("<int:case_id>/documents/", views.document_upload, name="document-upload"),
    path("<int:case_id>/documents/<int:document_id>/download/", views.document_download, name="document-download"),
    path("<int:case_id>/actions/", views.action_record, name="action-record"),
    path("<int:case_id>/detentions/", detention_views.detention_add, name="detention-add"),
    path(
        "<int:case_id>/detentions/<int:detention_id>/release/",
        detention_views.detention_release_view,
        name="detention-release",
    ),
    path(
        "<int:case_id>/rehabilitations/<int:rehabilitation_id>/handover/",
        detention_views.rehabilitation_handover_view,
        name="rehabilitation-handover",
    ),
]
