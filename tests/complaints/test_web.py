"""The web pages: public filing and tracking, the citizen's pages, the office's queue and complaint page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint
from ecase.choices import Role
from ecase.models import AuditEvent, Document, User
from tests.factories import UserFactory

from .conftest import IIN

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_data(world):
    return {
        "kind": "general",
        "office": str(world.dist_a1.pk),
        "case_number": "",
        "complainant_name": "Aigerim Sultanova",
        "complainant_iin": IIN,
        "complainant_email": "aigerim@example.kz",
        "text": "The investigator does not answer my petitions.",
        "website": "",
    }


def counts():
    return Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


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


# --- staff --------------------------------------------------------------------------------------------


def test_queue_is_for_prosecutors(world):
    assert logged_in(world.investigator_a).get("/complaints/").status_code == 403
    assert Client().get("/complaints/").status_code == 302  # to the login page


def test_queue_sorted_by_deadline_overdue_highlighted_and_filtered(world, file_complaint, complaint_in):
    late, _ = file_complaint(actor=world.prosecutor_a1, channel="mail", received_at=timezone.now() - timedelta(days=40))
    fresh = complaint_in(S.IN_REVIEW, kind="procedural")
    done = complaint_in(S.SATISFIED)
    client = logged_in(world.prosecutor_a1)
    response = client.get("/complaints/")
    rows = [c for c, _state in response.context["rows"]]
    assert rows == [late, fresh, done]
    assert dict((c.pk, s) for c, s in response.context["rows"])[late.pk] == "overdue"
    assert 'class="overdue"' in response.content.decode()
    assert [c for c, _ in client.get("/complaints/", {"kind": "procedural"}).context["rows"]] == [fresh]
    assert [c for c, _ in client.get("/complaints/", {"status": "satisfied"}).context["rows"]] == [done]
    assert client.get("/complaints/", {"status": "bogus"}).status_code == 200


def test_queue_pages_are_numbered_and_keep_the_filters(world, file_complaint):
    for _ in range(27):
        file_complaint()
    client = logged_in(world.prosecutor_a1)
    response = client.get("/complaints/", {"status": "submitted"})
    html = response.content.decode()
    assert len(response.context["rows"]) == 25 and response.context["page_numbers"] == [1, 2]
    assert "?status=submitted&amp;page=2" in html and 'aria-current="page">1<' in html
    assert len(client.get("/complaints/", {"status": "submitted", "page": 2}).context["rows"]) == 2


def test_staff_download_a_complaint_attachment_and_nothing_else(world, file_complaint):
    note = SimpleUploadedFile("note.txt", b"Receipt of my petition", content_type="text/plain")
    complaint, _ = file_complaint(attachments=[note])
    other, _ = file_complaint(attachments=[SimpleUploadedFile("b.txt", b"other", content_type="text/plain")])
    document, foreign = complaint.documents.get(), other.documents.get()
    client = logged_in(world.prosecutor_a1)
    response = client.get(f"/complaints/{complaint.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Receipt of my petition"
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.get(f"/complaints/{complaint.pk}/documents/{foreign.pk}/").status_code == 404
    assert logged_in(world.prosecutor_b1).get(f"/complaints/{complaint.pk}/documents/{document.pk}/").status_code == 404


def test_queue_query_count_is_constant(world, file_complaint, django_assert_num_queries, django_assert_max_num_queries):
    client = logged_in(world.prosecutor_a1)

    def make(n):
        for i in range(n):
            complaint, _ = file_complaint(actor=world.citizen if i % 2 else None)
            if i % 2:
                services.complaint_register(
                    complaint_id=complaint.pk,
                    actor=world.prosecutor_a1,
                    office_id=world.dist_a1.pk,
                    executor_id=world.prosecutor_a1.pk,
                )

    make(2)
    client.get("/complaints/")  # warm the session and caches
    with django_assert_max_num_queries(12) as few:  # session, user, count, page, navigation badges
        client.get("/complaints/")
    make(15)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/complaints/")
    assert len(response.context["rows"]) == 17


def test_complaint_page_actions_follow_role_and_state(world, complaint_in, make_case, file_complaint):
    case = make_case()
    complaint, _ = file_complaint(actor=world.citizen, case_number=case.number, kind="procedural")
    prosecutor, senior = logged_in(world.prosecutor_a1), logged_in(world.senior_a1)
    page = prosecutor.get(f"/complaints/{complaint.pk}/")
    assert f'href="/cases/{case.pk}/"' in page.content.decode()
    assert [p["action"].name for p in page.context["panels"]] == ["register"]
    response = prosecutor.post(
        f"/complaints/{complaint.pk}/register/",
        {
            "register-office": world.dist_a1.pk,
            "register-executor": world.prosecutor_a1.pk,
            "register-kind": "procedural",
        },
    )
    assert response.status_code == 302
    names = [p["action"].name for p in prosecutor.get(f"/complaints/{complaint.pk}/").context["panels"]]
    assert names == ["satisfy", "partially-satisfy", "forward", "propose-refusal"]
    empty = prosecutor.post(f"/complaints/{complaint.pk}/propose-refusal/", {"propose-refusal-answer": "  "})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    assert 'data-confirm="' in empty.content.decode()
    prosecutor.post(f"/complaints/{complaint.pk}/propose-refusal/", {"propose-refusal-answer": "Lawful."})
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSAL_PENDING_EXPLANATION
    names = [p["action"].name for p in prosecutor.get(f"/complaints/{complaint.pk}/").context["panels"]]
    assert "explanation" not in names
    assert "explanation" in [p["action"].name for p in senior.get(f"/complaints/{complaint.pk}/").context["panels"]]


def test_web_has_no_path_to_refused_without_the_explanation(world, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    prosecutor, senior = logged_in(world.prosecutor_a1), logged_in(world.senior_a1)
    good = {
        "explanation-held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "explanation-form": "phone",
        "explanation-participants": "The complainant; senior prosecutor",
        "explanation-summary": "Explained by phone.",
    }
    assert prosecutor.post(f"/complaints/{complaint.pk}/explanation/", good).status_code == 403
    assert senior.post(f"/complaints/{complaint.pk}/refuse/", {}).status_code == 404
    missing = senior.post(f"/complaints/{complaint.pk}/explanation/", {"explanation-form": "phone"})
    assert missing.status_code == 400
    assert missing.content.decode().count("This field is required.") >= 3
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSAL_PENDING_EXPLANATION
    assert senior.post(f"/complaints/{complaint.pk}/explanation/", good).status_code == 302
    refused = Complaint.objects.get(pk=complaint.pk)
    assert refused.status == S.REFUSED and refused.explanation.summary == "Explained by phone."
    conflict = senior.post(f"/complaints/{complaint.pk}/explanation/", good)
    assert conflict.status_code == 409


def test_other_office_gets_404_on_the_complaint_page(world, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    assert logged_in(world.prosecutor_b1).get(f"/complaints/{complaint.pk}/").status_code == 404
    assert logged_in(world.prosecutor_a2).post(f"/complaints/{complaint.pk}/satisfy/", {}).status_code == 404


def test_staff_enter_a_paper_complaint(world, form_data):
    client = logged_in(world.prosecutor_a1)
    response = client.post("/complaints/file/", {**form_data, "channel": "mail", "received_at": ""})
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/complaints/{complaint.pk}/"
    assert complaint.channel == "mail" and complaint.created_by == world.prosecutor_a1


def test_case_page_lists_complaints_about_the_case(world, make_case, file_complaint):
    case = make_case()
    complaint, _ = file_complaint(case_number=case.number, kind="procedural")
    page = logged_in(world.prosecutor_a1).get(f"/cases/{case.pk}/").content.decode()
    assert "Complaints about this case" in page and complaint.tracking_number in page
    assert complaint.tracking_number not in logged_in(world.investigator_a).get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize(
    ("language", "title", "status"),
    [
        ("ru", "Подать жалобу в прокуратуру", "Отказано (разъяснено лично)"),
        ("kk", "Прокуратураға шағым беру", "Бас тартылды (жеке түсіндірілді)"),
    ],
)
def test_pages_in_russian_and_kazakh(language, title, status, world, complaint_in):
    assert title in Client(HTTP_ACCEPT_LANGUAGE=language).get("/complaints/file/").content.decode()
    complaint = complaint_in(S.REFUSED, actor=world.citizen)
    client = logged_in(world.citizen)
    page = client.get(f"/complaints/my/{complaint.tracking_number}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert status in page


def test_admin_edits_the_kinds_table_and_only_reads_complaints(world, complaint_in, file_complaint):
    from complaints.models import ComplaintKind
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True, role=Role.AUDITOR, organisation=world.gp)
    client = logged_in(admin)
    complaint = complaint_in(S.REFUSED)
    kind = ComplaintKind.objects.get(code="general")
    assert client.get("/admin/complaints/complaintkind/").status_code == 200
    page = client.get(f"/admin/complaints/complaintkind/{kind.pk}/change/")
    assert page.status_code == 200 and 'name="term_value"' in page.content.decode()
    assert 'name="code"' not in page.content.decode()  # complaints refer to the kind by its code
    for url in (
        "/admin/complaints/complaint/",
        f"/admin/complaints/complaint/{complaint.pk}/change/",
        "/admin/complaints/complaintexplanation/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    change = client.get(f"/admin/complaints/complaint/{complaint.pk}/change/").content.decode()
    assert 'name="status"' not in change
    anonymous, _key = file_complaint()
    change = client.get(f"/admin/complaints/complaint/{anonymous.pk}/change/").content.decode()
    assert anonymous.tracking_number in change and anonymous.access_key_hash not in change
    assert client.get("/admin/complaints/complaint/add/").status_code == 403


# --- the admin ---------------------------------------------------------------------------------------------------


def test_admin_shows_complaints_read_only(world, file_complaint):
    complaint, _ = file_complaint()
    client = logged_in(UserFactory(username="root", is_staff=True, is_superuser=True))
    for name in ("complaint", "complaintexplanation", "complaintnotice"):
        assert client.get(reverse(f"admin:complaints_{name}_changelist")).status_code == 200, name
        assert client.get(reverse(f"admin:complaints_{name}_add")).status_code == 403, name
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content.decode()
    assert complaint.tracking_number in page and 'name="_save"' not in page
    delete = reverse("admin:complaints_complaint_delete", args=[complaint.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
