"""The public web pages of complaints: filing, tracking with the key, the citizen's own pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint
from ecase.choices import Role
from ecase.models import User

from .conftest import IIN, counts, logged_in

pytestmark = pytest.mark.django_db


# --- public -------------------------------------------------------------------------------------------


def test_public_pages_work_without_login(client):
    for url in ("/complaints/file/", "/complaints/track/", "/complaints/signup/"):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/complaints/file/").content.decode()
    assert 'name="website"' in page and "csrfmiddlewaretoken" in page and 'enctype="multipart/form-data"' in page


def test_anonymous_filing_shows_the_key_once_then_tracks_with_it(client, form_data):
    attachment = SimpleUploadedFile("note.txt", b"Receipt of my petition", content_type="text/plain")
    response = client.post("/complaints/file/", {**form_data, "attachments": [attachment]})
    assert response.status_code == 302 and response["Location"] == "/complaints/file/done/"
    complaint = Complaint.objects.get()
    assert complaint.documents.count() == 1
    done = client.get("/complaints/file/done/")
    page = done.content.decode()
    assert complaint.tracking_number in page
    key = done.context["shown"]["key"]
    assert key in page and done["Cache-Control"] == "no-store"
    again = client.get("/complaints/file/done/").content.decode()
    assert key not in again  # shown once
    # The filing browser may open the status page; another browser must give the key first.
    assert client.get(f"/complaints/track/{complaint.tracking_number}/").status_code == 200
    other = Client()
    assert other.get(f"/complaints/track/{complaint.tracking_number}/")["Location"] == "/complaints/track/"
    wrong = other.post("/complaints/track/", {"tracking_number": complaint.tracking_number, "access_key": "X" * 16})
    assert wrong.status_code == 404
    assert "No complaint matches" in wrong.content.decode()
    right = other.post("/complaints/track/", {"tracking_number": complaint.tracking_number.lower(), "access_key": key})
    assert right.status_code == 302
    status_page = other.get(right["Location"]).content.decode()
    assert complaint.tracking_number in status_page and "awaits registration" in status_page


def test_wrong_iin_shows_the_error_and_writes_nothing(client, form_data):
    before = counts()
    response = client.post("/complaints/file/", {**form_data, "complainant_iin": "123456789012"})
    assert response.status_code == 400
    assert "check digit" in response.content.decode() or "birth date" in response.content.decode()
    assert counts() == before


def test_oversized_attachment_is_413_and_writes_nothing(client, form_data, settings):
    settings.DOCUMENT_MAX_SIZE = 1000
    before = counts()
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 4000, content_type="application/pdf")
    response = client.post("/complaints/file/", {**form_data, "attachments": [big]})
    assert response.status_code == 413
    assert "larger than the limit" in response.content.decode()
    assert counts() == before


@pytest.mark.usefixtures("one_window")
def test_a_flood_of_filings_gets_the_429_page_and_writes_nothing(client, form_data, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "public": "2/min"},
    }
    assert [client.post("/complaints/file/", form_data).status_code for _ in range(2)] == [302, 302]
    before = counts()
    response = client.post("/complaints/file/", form_data)
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert counts() == before


def test_honeypot_and_csrf(form_data):
    client = Client(enforce_csrf_checks=True)
    before = counts()
    assert client.post("/complaints/file/", form_data).status_code == 403  # no CSRF token
    client.get("/complaints/file/")
    token = client.cookies["csrftoken"].value
    bot = client.post("/complaints/file/", {**form_data, "website": "http://spam", "csrfmiddlewaretoken": token})
    assert bot.status_code == 400
    assert counts() == before


def test_office_or_case_number_is_required_on_the_form(client, form_data):
    response = client.post("/complaints/file/", {**form_data, "office": ""})
    assert response.status_code == 400 and "give the number of the case" in response.content.decode()
    for bad in ("x", str(10**30), "-1"):
        assert client.post("/complaints/file/", {**form_data, "office": bad}).status_code == 400
    assert Complaint.objects.count() == 0


def test_signup_creates_a_citizen_who_files_and_sees_own_complaints(client, form_data):
    response = client.post(
        "/complaints/signup/",
        {
            "username": "dana",
            "first_name": "Dana",
            "last_name": "Sadykova",
            "email": "dana@example.kz",
            "iin": IIN,
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/complaints/file/"
    user = User.objects.get(username="dana")
    assert user.role == Role.CITIZEN and user.organisation is None
    response = client.post("/complaints/file/", form_data)
    complaint = Complaint.objects.get()
    assert complaint.complainant == user and complaint.access_key_hash == ""
    assert response["Location"] == f"/complaints/my/{complaint.tracking_number}/"
    assert complaint.tracking_number in client.get("/complaints/my/").content.decode()


def test_signup_rejects_a_wrong_iin(client):
    response = client.post(
        "/complaints/signup/",
        {"username": "x", "first_name": "X", "last_name": "Y", "email": "x@example.kz", "iin": "000000000000"},
    )
    assert response.status_code == 400 and not User.objects.filter(username="x").exists()


def test_citizen_a_gets_404_for_citizen_b(world, file_complaint):
    theirs, _ = file_complaint(actor=world.citizen2)
    client = logged_in(world.citizen)
    assert client.get(f"/complaints/my/{theirs.tracking_number}/").status_code == 404
    assert client.post(f"/complaints/my/{theirs.tracking_number}/appeal/", {"text": "x"}).status_code == 404
    assert client.get("/complaints/").status_code == 302  # citizens are sent to their own list
    assert client.get(f"/complaints/{theirs.pk}/").status_code == 403


def test_citizen_status_page_shows_refusal_with_the_explanation_and_offers_the_appeal(world, complaint_in):
    complaint = complaint_in(S.REFUSED, actor=world.citizen)
    client = logged_in(world.citizen)
    page = client.get(f"/complaints/my/{complaint.tracking_number}/").content.decode()
    assert "Record of the personal explanation" in page
    assert "Explained why the decision was lawful." in page and "The decision was lawful." in page
    assert "Appeal to the higher prosecutor" in page
    response = client.post(f"/complaints/my/{complaint.tracking_number}/appeal/", {"text": ""})
    assert response.status_code == 400
    response = client.post(f"/complaints/my/{complaint.tracking_number}/appeal/", {"text": "I disagree."})
    appeal = Complaint.objects.get(appeal_of=complaint)
    assert response["Location"] == f"/complaints/my/{appeal.tracking_number}/"


def test_anonymous_appeal_on_the_status_page_needs_the_key(world, client, form_data):
    client.post("/complaints/file/", form_data)
    key = client.get("/complaints/file/done/").context["shown"]["key"]
    complaint = Complaint.objects.get()
    services.complaint_register(
        complaint_id=complaint.pk,
        actor=world.prosecutor_a1,
        office_id=world.dist_a1.pk,
        executor_id=world.prosecutor_a1.pk,
    )
    services.complaint_partially_satisfy(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="In part.")
    appeal_url = f"/complaints/track/{complaint.tracking_number}/appeal/"
    wrong = client.post(appeal_url, {"text": "x", "access_key": "nope"})
    assert wrong.status_code == 400 and not Complaint.objects.filter(appeal_of=complaint).exists()
    assert client.post(appeal_url, {"text": "I disagree.", "access_key": key}).status_code == 302
    assert Complaint.objects.get(appeal_of=complaint).office == world.reg_a
