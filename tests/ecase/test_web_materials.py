"""The case page's materials through the web: participants, documents and investigative actions."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ecase.choices import ActionReview, ParticipantRole
from ecase.models import AuditEvent, Case, Document, InvestigativeAction, Participant, Person
from ecase.services.cases import case_document_upload
from ecase.validators import make_iin

VALID_IIN = make_iin(date(1985, 3, 14), 1234)


def _detail_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


# --- participants --------------------------------------------------------------------------------------


def _post_participant(client, case, **data):
    fields = {"role": "witness", "full_name": "Serik Akhmetov", "iin": VALID_IIN, "phone": "+7 701 000 00 00"}
    fields.update(data)
    return client.post(reverse("cases:participant-add", args=[case.pk]), fields)


def test_investigator_adds_a_witness(client_as, world, make_case):
    case = make_case()
    client = client_as(world.investigator_a)
    response = _post_participant(client, case)
    assert response.status_code == 302 and response["Location"] == _detail_url(case)
    participant = Participant.objects.get()
    assert participant.role == ParticipantRole.WITNESS and participant.person.iin == VALID_IIN
    html = client.get(_detail_url(case)).content.decode()
    assert "Serik Akhmetov" in html and "Participant added" in html


def test_wrong_iin_is_refused_and_nothing_written(client_as, world, make_case):
    case = make_case()
    bad_iin = VALID_IIN[:11] + str((int(VALID_IIN[11]) + 1) % 10)
    response = _post_participant(client_as(world.investigator_a), case, iin=bad_iin)
    assert response.status_code == 400
    assert "The IIN check digit is wrong." in response.content.decode()
    assert Participant.objects.count() == 0 and Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="participant.added").exists()


def test_suspect_role_is_refused_by_the_service(client_as, world, make_case):
    case = make_case()
    response = _post_participant(client_as(world.investigator_a), case, role="suspect")
    assert response.status_code == 400
    assert "suspect-recognition decision" in response.content.decode()
    assert Participant.objects.count() == 0


def test_other_investigator_body_may_not_add(client_as, world, make_case):
    case = make_case()
    response = _post_participant(client_as(world.senior_a), case)  # sees the case, but adds no materials
    assert response.status_code == 403
    assert Participant.objects.count() == 0


# --- documents -----------------------------------------------------------------------------------------


def _upload(client, case, name="report.pdf", content=b"%PDF-1.4 test document", title="Inspection report"):
    return client.post(
        reverse("cases:document-upload", args=[case.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_upload_and_download_a_document(client_as, world, make_case):
    case = make_case()
    client = client_as(world.investigator_a)
    response = _upload(client, case, name="Протокол осмотра.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    download = client_as(world.prosecutor_a1).get(reverse("cases:document-download", args=[case.pk, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test document"
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert "filename*=utf-8''%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB" in download["Content-Disposition"]


def test_upload_of_a_disallowed_type_is_refused(client_as, world, make_case):
    case = make_case()
    response = _upload(client_as(world.investigator_a), case, name="tool.exe", content=b"MZ\x90\x00")
    assert response.status_code == 400
    assert "Files of this type are not accepted" in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_with_content_not_matching_type_is_refused(client_as, world, make_case):
    response = _upload(client_as(world.investigator_a), make_case(), content=b"not a pdf at all")
    assert response.status_code == 400
    assert "does not match its type" in response.content.decode()
    assert Document.objects.count() == 0


def test_oversized_upload_is_refused(client_as, world, make_case, settings):
    settings.DOCUMENT_MAX_SIZE = 16
    response = _upload(client_as(world.investigator_a), make_case(), content=b"%PDF-" + b"x" * 100)
    assert response.status_code == 413
    assert "larger than the limit" in response.content.decode()
    assert 'name="title"' in response.content.decode()  # the case page, with the form, not a bare error
    assert Document.objects.count() == 0


def test_download_of_another_region_is_404(client_as, world, make_case):
    case = make_case()
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 secret", content_type="application/pdf")
    document = case_document_upload(case_id=case.pk, actor=world.investigator_a, upload=upload, title="Secret")
    url = reverse("cases:document-download", args=[case.pk, document.pk])
    assert client_as(world.investigator_b).get(url).status_code == 404
    assert client_as(world.senior_b).get(url).status_code == 404
    other = make_case(investigator=world.investigator_b)
    # A visible case id with a document of another case: still 404.
    assert (
        client_as(world.investigator_b)
        .get(reverse("cases:document-download", args=[other.pk, document.pk]))
        .status_code
        == 404
    )


# --- investigative actions -----------------------------------------------------------------------------


def test_restricting_action_without_basis_goes_to_review(client_as, world, make_case):
    case = make_case()
    client = client_as(world.investigator_a)
    performed = timezone.localtime() - timedelta(hours=2)
    response = client.post(
        reverse("cases:action-record", args=[case.pk]),
        {"kind": "search", "performed_at": performed.strftime("%Y-%m-%dT%H:%M"), "description": "Search of a garage."},
        follow=True,
    )
    assert response.status_code == 200
    action = InvestigativeAction.objects.get()
    assert action.review == ActionReview.AWAITING_REVIEW
    assert action.performed_at == performed.replace(second=0, microsecond=0)  # the form's time is Asia/Almaty
    html = response.content.decode()
    assert "sent to the supervising prosecutor for review" in html
    assert "Awaiting prosecutor&#x27;s review" in html or "Awaiting prosecutor's review" in html


def test_action_in_the_future_is_refused(client_as, world, make_case):
    case = make_case()
    future = timezone.localtime() + timedelta(days=2)
    response = client_as(world.investigator_a).post(
        reverse("cases:action-record", args=[case.pk]),
        {"kind": "interrogation", "performed_at": future.strftime("%Y-%m-%dT%H:%M"), "description": "Interrogation."},
    )
    assert response.status_code == 400
    assert "cannot be recorded as performed in the future" in response.content.decode()
    assert InvestigativeAction.objects.count() == 0
