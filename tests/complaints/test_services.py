"""Filing, notices, audit and appeals through the services."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints import services
from complaints.choices import Channel, NoticeEvent
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint, ComplaintNotice
from complaints.selectors import complaint_get_by_access_key, normalise_key
from complaints.tasks import notify_complainant
from ecase.choices import Role
from ecase.exceptions import Conflict, FileTooLarge
from ecase.models import AuditEvent, Document
from tests.factories import UserFactory

from .conftest import IIN

pytestmark = pytest.mark.django_db


def pdf(name="scan.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"x" * size, content_type="application/pdf")


def test_anonymous_filing_returns_a_key_once_and_stores_only_its_hash(file_complaint):
    complaint, key = file_complaint(attachments=[pdf()])
    assert key and complaint.access_key_hash
    assert key not in complaint.access_key_hash
    assert complaint.access_key_hash == hashlib.sha256(normalise_key(key).encode()).hexdigest()
    assert complaint.status == S.SUBMITTED and complaint.channel == Channel.WEB
    assert complaint.complainant is None
    assert complaint.documents.count() == 1
    assert complaint_get_by_access_key(tracking_number=complaint.tracking_number.lower(), key=key.lower()) == complaint
    with pytest.raises(Complaint.DoesNotExist):
        complaint_get_by_access_key(tracking_number=complaint.tracking_number, key="WRONG-KEY0-0000-0000")
    event = AuditEvent.objects.get(action="complaint.filed", object_id=str(complaint.pk))
    assert event.actor is None and event.to_state == S.SUBMITTED


def test_account_filing_has_no_key(world, file_complaint):
    complaint, key = file_complaint(actor=world.citizen)
    assert key == "" and complaint.access_key_hash == ""
    assert complaint.complainant == world.citizen


def test_wrong_iin_is_rejected_and_writes_nothing(file_complaint):
    before = (Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as err:
        file_complaint(complainant_iin=IIN[:11] + str((int(IIN[11]) + 1) % 10), attachments=[pdf()])
    assert "complainant_iin" in err.value.message_dict
    assert (Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count()) == before


def test_oversized_attachment_is_rejected_and_writes_nothing(settings, file_complaint):
    settings.DOCUMENT_MAX_SIZE = 1000
    before = (Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count())
    with pytest.raises(FileTooLarge):
        file_complaint(attachments=[pdf("a.pdf", 10), pdf("b.pdf", 5000)])
    assert (Complaint.objects.count(), Document.objects.count(), AuditEvent.objects.count()) == before


def test_a_known_case_number_decides_the_office(world, make_case, file_complaint):
    case = make_case(investigator=world.investigator_a3)  # supervised by district office A2
    complaint, _ = file_complaint(office_id=world.dist_b1.pk, case_number=case.number.lower(), kind="procedural")
    assert complaint.case == case and complaint.office == world.dist_a2


def test_an_unknown_case_number_goes_to_the_reception_office(world, file_complaint):
    complaint, _ = file_complaint(office_id=None, case_number="2026-XX-999999")
    assert complaint.case is None and complaint.office == world.gp
    assert complaint.case_number == "2026-XX-999999"


def test_an_office_or_a_case_number_is_required(file_complaint):
    with pytest.raises(ValidationError) as err:
        file_complaint(office_id=None)
    assert "office" in err.value.message_dict


def test_only_citizens_and_prosecutors_file(world, file_complaint):
    with pytest.raises(PermissionDenied):
        file_complaint(actor=world.investigator_a)
    with pytest.raises(ValidationError):  # staff enter paper complaints only
        file_complaint(actor=world.prosecutor_a1, channel=Channel.WEB)
    with pytest.raises(PermissionDenied):  # outside their subtree
        file_complaint(actor=world.prosecutor_a1, channel=Channel.MAIL, office_id=world.dist_b1.pk)
    with pytest.raises(ValidationError):  # citizens cannot back-date
        file_complaint(actor=world.citizen, received_at=timezone.now() - timedelta(days=3))
    received = timezone.now() - timedelta(days=3)
    complaint, key = file_complaint(actor=world.prosecutor_a1, channel=Channel.MAIL, received_at=received)
    assert key == "" and complaint.received_at == received and complaint.created_by == world.prosecutor_a1


def test_every_transition_is_audited_and_the_complainant_is_mailed(
    world, complaint_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_in(S.REFUSED, actor=world.citizen)
    actions = list(
        AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(complaint.pk))
        .order_by("seq")
        .values_list("action", "from_state", "to_state")
    )
    assert actions == [
        ("complaint.filed", "", S.SUBMITTED),
        ("complaint.register", S.SUBMITTED, S.IN_REVIEW),
        ("complaint.propose_refusal", S.IN_REVIEW, S.REFUSAL_PENDING_EXPLANATION),
        ("complaint.record_explanation", S.REFUSAL_PENDING_EXPLANATION, S.REFUSED),
    ]
    # E-mails to the complainant: at registration and at the (final) outcome, not at the proposal. (The staff's
    # notices of the same events go to their own addresses: tests/notifications.)
    to_complainant = [m for m in mail.outbox if m.to == ["aigerim@example.kz"]]
    subjects = [m.subject for m in to_complainant]
    assert len(subjects) == 2
    assert "registered" in subjects[0] and "answered" in subjects[1]
    assert "personally" in to_complainant[1].body and "Explained why the decision was lawful." in to_complainant[1].body
    assert set(ComplaintNotice.objects.filter(complaint=complaint).values_list("event", flat=True)) == {
        NoticeEvent.REGISTERED,
        NoticeEvent.ANSWERED,
    }


def test_a_notice_is_sent_once_even_when_the_task_runs_again(world, complaint_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_in(S.SATISFIED)
    sent = len(mail.outbox)
    assert len([m for m in mail.outbox if m.to == ["aigerim@example.kz"]]) == 2
    assert notify_complainant.delay(complaint.pk, NoticeEvent.ANSWERED).get() is False
    assert len(mail.outbox) == sent


def test_extension_is_audited_and_told_to_the_complainant(world, complaint_in, django_capture_on_commit_callbacks):
    complaint = complaint_in(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_extend(
            complaint_id=complaint.pk, actor=world.senior_a1, until=complaint.due_at + timedelta(days=5), reason="Exam."
        )
    event = AuditEvent.objects.get(action="complaint.extend", object_id=str(complaint.pk))
    assert event.reason == "Exam." and event.actor == world.senior_a1
    assert len(mail.outbox) == 1 and "extended" in mail.outbox[0].subject


def test_required_texts(world, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    for call in (
        lambda: services.complaint_satisfy(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="  "),
        lambda: services.complaint_propose_refusal(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer=""),
        lambda: services.complaint_forward(complaint_id=complaint.pk, actor=world.prosecutor_a1, body=" "),
    ):
        with pytest.raises(ValidationError):
            call()
    assert Complaint.objects.get(pk=complaint.pk).status == S.IN_REVIEW


def test_explanation_must_not_predate_the_proposal_or_lie_in_the_future(world, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    for held_at in (timezone.now() + timedelta(days=1), timezone.now() - timedelta(days=2)):
        with pytest.raises(ValidationError) as err:
            services.complaint_record_explanation(
                complaint_id=complaint.pk,
                actor=world.senior_a1,
                held_at=held_at,
                form="phone",
                participants="x",
                summary="y",
            )
        assert "held_at" in err.value.message_dict
    assert Complaint.objects.get(pk=complaint.pk).explanation is None


def test_forwarding_names_the_body_and_tells_the_complainant(world, complaint_in):
    complaint = complaint_in(S.FORWARDED)
    assert complaint.forwarded_to == "Ministry of Labour"
    assert "Ministry of Labour" in complaint.answer
    assert complaint.answered_at is not None


def test_appeal_by_account_goes_to_the_higher_office_and_keeps_the_complainant(world, complaint_in):
    original = complaint_in(S.PARTIALLY_SATISFIED)
    appeal = services.complaint_appeal(complaint_id=original.pk, actor=world.citizen, text="Not enough.")
    assert appeal.appeal_of == original and appeal.office == world.reg_a
    assert appeal.complainant == world.citizen and appeal.kind == original.kind
    assert Complaint.objects.get(pk=original.pk).status == S.PARTIALLY_SATISFIED
    assert AuditEvent.objects.filter(action="complaint.appealed", object_id=str(original.pk)).count() == 1


def test_anonymous_appeal_needs_the_key_and_keeps_it(world, file_complaint):
    original, key = file_complaint()
    services.complaint_register(
        complaint_id=original.pk,
        actor=world.prosecutor_a1,
        office_id=world.dist_a1.pk,
        executor_id=world.prosecutor_a1.pk,
    )
    services.complaint_partially_satisfy(complaint_id=original.pk, actor=world.prosecutor_a1, answer="In part.")
    with pytest.raises(Complaint.DoesNotExist):
        services.complaint_appeal_anonymous(tracking_number=original.tracking_number, access_key="nope", text="x")
    appeal = services.complaint_appeal_anonymous(tracking_number=original.tracking_number, access_key=key, text="x")
    assert complaint_get_by_access_key(tracking_number=appeal.tracking_number, key=key) == appeal


def test_appeals_climb_the_tree_and_stop_at_the_general_office(world, file_complaint):
    gp_prosecutor = UserFactory(username="gp_prosecutor", role=Role.SENIOR_PROSECUTOR, organisation=world.gp)
    regional, _ = file_complaint(actor=world.citizen, office_id=world.reg_a.pk)
    services.complaint_register(
        complaint_id=regional.pk, actor=world.senior_a, office_id=world.reg_a.pk, executor_id=world.senior_a.pk
    )
    services.complaint_partially_satisfy(complaint_id=regional.pk, actor=world.senior_a, answer="In part.")
    appeal = services.complaint_appeal(complaint_id=regional.pk, actor=world.citizen, text="To the GP.")
    assert appeal.office == world.gp
    with pytest.raises(Conflict):  # not answered yet
        services.complaint_appeal(complaint_id=appeal.pk, actor=world.citizen, text="Again.")
    services.complaint_register(
        complaint_id=appeal.pk, actor=gp_prosecutor, office_id=world.gp.pk, executor_id=gp_prosecutor.pk
    )
    services.complaint_partially_satisfy(complaint_id=appeal.pk, actor=gp_prosecutor, answer="Still in part.")
    with pytest.raises(ValidationError):
        services.complaint_appeal(complaint_id=appeal.pk, actor=world.citizen, text="Higher still.")
    assert not Complaint.objects.filter(appeal_of=appeal).exists()
