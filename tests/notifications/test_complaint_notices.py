"""Complaint notices: filed (the office's senior prosecutors, a confirmation to the citizen), registered (the
executor, the citizen), refusal proposed (the citizen must be available; the seniors must explain), answered
(the citizen); each closes the complaint's earlier notices, and an answered complaint leaves none open."""

from __future__ import annotations

import pytest

from complaints.choices import ComplaintStatus as S
from complaints.services.events import (
    ANSWERED,
    FILED,
    FILED_CONFIRMATION,
    REFUSAL_PROPOSED,
    REFUSAL_PROPOSED_CITIZEN,
    REGISTERED,
    REGISTERED_CITIZEN,
)
from ecase.models import Delivery, Notification
from ecase.notifications.selectors import notification_unread_count

pytestmark = pytest.mark.django_db


def _told(event: str) -> set[str]:
    return set(Notification.objects.filter(message_key=event).values_list("user__username", flat=True))


def _open(event: str) -> set[str]:
    rows = Notification.objects.filter(message_key=event, closed_at__isnull=True)
    return set(rows.values_list("user__username", flat=True))


def test_filed_tells_the_office_and_confirms_to_the_citizen(world, file_complaint, committed, sms_outbox):
    with committed():
        complaint, _key = file_complaint(actor=world.citizen, complainant_phone="8 701 123-45-67")
    complaint.refresh_from_db()
    assert complaint.complainant_phone == "+77011234567"
    assert _told(FILED) == {"senior_a1"}  # district office A1's senior prosecutor registers it
    assert _told(FILED_CONFIRMATION) == {"citizen"}
    [confirmation] = Notification.objects.filter(message_key=FILED_CONFIRMATION)
    assert confirmation.display_title == f"Your complaint {complaint.tracking_number} was received"
    # SMS to the phone given in the complaint, in the language it was filed in.
    assert [m["to"] for m in sms_outbox] == ["+77011234567"]
    assert complaint.tracking_number in sms_outbox[0]["text"]
    log = Delivery.objects.get(channel="sms", recipient="+77011234567")
    assert (log.status, log.attempts, log.language) == ("sent", 1, "en")


def test_an_anonymous_complainant_is_told_by_sms_in_the_filing_language(world, file_complaint, committed, sms_outbox):
    from django.utils import translation

    with translation.override("ru"), committed():
        complaint, _key = file_complaint(actor=None, complainant_phone="+77051112233")
    assert complaint.language == "ru"
    assert _told(FILED_CONFIRMATION) == set()  # no account, nothing in the app
    [sms] = sms_outbox
    assert sms["to"] == "+77051112233"
    assert "Ваша жалоба" in sms["text"], sms["text"]


def test_registered_tells_the_executor_and_closes_the_office_notice(world, complaint_in, committed):
    with committed():
        complaint = complaint_in(S.IN_REVIEW)
    assert _open(FILED) == set()  # registered: the seniors' "to register" is done
    assert _open(REGISTERED) == {"prosecutor_a1"}
    assert _told(REGISTERED_CITIZEN) == {"citizen"}
    [assigned] = Notification.objects.filter(message_key=REGISTERED)
    assert assigned.must_act and complaint.tracking_number in assigned.display_title


def test_refusal_proposed_tells_the_citizen_and_the_senior(world, complaint_in, committed):
    with committed():
        complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    assert _open(REFUSAL_PROPOSED) == {"senior_a1"}
    assert _open(REFUSAL_PROPOSED_CITIZEN) == {"citizen"}
    assert _open(REGISTERED) == set()  # the executor has answered (proposed)
    [citizen_notice] = Notification.objects.filter(message_key=REFUSAL_PROPOSED_CITIZEN)
    assert "personal" in citizen_notice.display_title and citizen_notice.must_act


@pytest.mark.parametrize("state", [S.SATISFIED, S.PARTIALLY_SATISFIED, S.FORWARDED, S.REFUSED])
def test_answered_tells_the_citizen_and_leaves_nothing_open(world, complaint_in, committed, state):
    with committed():
        complaint = complaint_in(state)
    [answered] = Notification.objects.filter(message_key=ANSWERED)
    assert answered.user == world.citizen
    assert complaint.get_status_display() in answered.display_title
    # Every staff notice of the complaint is done; the badge of the executor and the seniors is empty.
    staff_open = Notification.objects.filter(closed_at__isnull=True).exclude(user=world.citizen)
    assert not staff_open.exists()
    for user in (world.prosecutor_a1, world.senior_a1):
        assert notification_unread_count(user=user) == 0


def test_a_bad_phone_is_a_clear_error_and_files_nothing(world, file_complaint, committed):
    from django.core.exceptions import ValidationError

    from complaints.models import Complaint

    with committed(), pytest.raises(ValidationError) as caught:
        file_complaint(actor=world.citizen, complainant_phone="+1 202 555 0100")
    assert "Kazakhstan phone number" in caught.value.message_dict["complainant_phone"][0]
    assert not Complaint.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("phone", ["+1 202 555 0100", "+7 701 123", "phone me", "+7701123456789"])
def test_a_bad_phone_in_the_public_api_is_a_400_that_files_nothing(world, api, phone):
    from complaints.models import Complaint
    from tests.complaints.conftest import IIN

    payload = {
        "kind": "general",
        "text": "The investigator does not answer my petitions.",
        "complainant_name": "Aigerim Sultanova",
        "complainant_iin": IIN,
        "complainant_phone": phone,
        "office": world.dist_a1.pk,
    }
    response = api.post("/api/v1/public/complaints/", payload, format="json")
    assert response.status_code == 400, response.content
    assert "Kazakhstan phone number" in response.json()["fields"]["complainant_phone"][0]
    assert not Complaint.objects.exists()


def test_a_bad_phone_in_the_form_is_a_field_error(world, form_data, client):
    from complaints.models import Complaint

    response = client.post("/complaints/file/", {**form_data, "complainant_phone": "12-34"})
    assert response.status_code in (200, 400)
    assert "Enter a Kazakhstan phone number" in response.content.decode()
    assert not Complaint.objects.exists()
    ok = client.post("/complaints/file/", {**form_data, "complainant_phone": "+7 (701) 123-45-67"})
    assert ok.status_code == 302
    assert Complaint.objects.get().complainant_phone == "+77011234567"
