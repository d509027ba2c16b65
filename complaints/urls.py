"""Complaint pages under /complaints/. /complaints/file/ and /complaints/track/ work without logging in."""

from django.urls import path

from .views import public, signing, staff

app_name = "complaints"

urlpatterns = [
    path("", staff.queue, name="queue"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/documents/<int:document_id>/", staff.document_download, name="document"),
    path("<int:pk>/<slug:action>/", staff.act, name="act"),
    path("<int:pk>/<slug:action>/signing-payload/", signing.bytes_to_sign, name="signing-payload"),
    path("file/", public.file, name="file"),
    path("file/done/", public.filed, name="filed"),
    path("track/", public.track, name="track"),
    path("track/<str:tracking_number>/", public.track_status, name="track-status"),
    path("track/<str:tracking_number>/appeal/", public.track_appeal, name="track-appeal"),
    path("my/", public.my_list, name="my"),
    path("my/<str:tracking_number>/", public.my_detail, name="my-detail"),
    path("my/<str:tracking_number>/appeal/", public.my_appeal, name="my-appeal"),
    path("signup/", public.signup, name="signup"),
]
