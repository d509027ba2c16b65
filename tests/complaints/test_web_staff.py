"""The staff web pages of complaints: the office's queue, the complaint page, the explanation, the admin."""

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
from tests.factories import UserFactory

from .conftest import logged_in

pytestmark = pytest.mark.django_db


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
