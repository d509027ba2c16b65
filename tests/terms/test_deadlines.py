"""The engine where legal moments are computed: complaints received on a non-working day, the extension cap,
the investigation term per category and its extension chain."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from complaints import services as complaint_services
from ecase.models import InvestigationExtension, InvestigationTerm
from ecase.terms.engine import end_of_day

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


def at(y, m, d, hh=12):
    return datetime(y, m, d, hh, tzinfo=ALMATY)


def file_at(moment, file_complaint, **fields):
    with time_machine.travel(moment, tick=False):
        complaint, _key = file_complaint(**fields)
    return complaint


def test_an_appeal_received_on_a_sunday_counts_from_the_next_working_day(file_complaint):
    # Sunday 22 March 2026 (Nauryz; 23-25 March days off): the first day is Thursday 26 March.
    general = file_at(at(2026, 3, 22), file_complaint)
    assert general.due_at == end_of_day(date(2026, 4, 15))
    assert general.forward_due_at == end_of_day(date(2026, 3, 30))  # 26, 27, 30 March
    # 3 calendar days: 26, 27, 28 March; Saturday 28 moves to Monday 30 March.
    procedural = file_at(at(2026, 3, 22), file_complaint, kind="procedural")
    assert procedural.due_at == end_of_day(date(2026, 3, 30))


def test_the_extension_cap_is_two_months_from_receipt_and_never_moved(world, file_complaint):
    # Received Wednesday 25 February 2026: two months end on Saturday 25 April, and the cap stays there.
    complaint = file_at(at(2026, 2, 25), file_complaint)
    with pytest.raises(ValidationError) as err:
        complaint_services.complaint_extend(
            complaint_id=complaint.pk, actor=world.senior_a1, until=date(2026, 4, 27), reason="Expert opinion."
        )
    assert "2026-04-25" in str(err.value.message_dict["until"])
    complaint_services.complaint_extend(
        complaint_id=complaint.pk, actor=world.senior_a1, until=date(2026, 4, 25), reason="Expert opinion."
    )
    complaint.refresh_from_db()
    assert complaint.due_at == end_of_day(date(2026, 4, 25))


def test_the_investigation_term_is_the_categorys(make_case):
    with time_machine.travel(at(2026, 12, 31, 16), tick=False):
        case = make_case()
    assert case.term_expires_at == end_of_day(date(2027, 3, 1))  # 28 February 2027 is a Sunday
    InvestigationTerm.objects.filter(category="drugs").update(amount=3)
    with time_machine.travel(at(2026, 1, 12, 9), tick=False):
        drugs = make_case(category="drugs")
    assert drugs.term_expires_at == end_of_day(date(2026, 4, 13))  # 12 April 2026 is a Sunday


def _extension(client, case, new_term):
    body = {
        "case": case.pk,
        "kind": "term_extension",
        "text": "The expert examination is not finished.",
        "new_term_expires_at": new_term,
    }
    return client.post("/api/v1/decisions/", body, format="json")


def test_an_extension_beyond_the_longest_allowed_is_a_400(world, make_case, api_as):
    with time_machine.travel(at(2026, 1, 12, 9), tick=False):
        case = make_case()
    client = api_as(world.investigator_a)
    with time_machine.travel(at(2026, 2, 20, 9), tick=False):
        response = _extension(client, case, "3000-01-01T00:00:00+05:00")
        assert response.status_code == 400
        body = response.json()
        assert "12.01.2027" in body["fields"]["new_term_expires_at"][0]  # the one date format (ecase.dates)
        assert "CPC art. 192" in body["fields"]["new_term_expires_at"][0]  # ecase.legal_refs
        # 12 months from registration (the General Prosecutor's limit) is the latest date accepted.
        assert _extension(client, case, "2027-01-12T23:59:59+05:00").status_code == 201
        assert _extension(client, case, "2027-01-13T10:00:00+05:00").status_code == 400
        # The chain is data: without it, the term cannot be extended at all.
        InvestigationExtension.objects.filter(investigation_term__category=case.category).delete()
        response = _extension(client, case, "2026-04-01T10:00:00+05:00")
        assert response.status_code == 400
        assert "cannot be extended" in response.json()["fields"]["new_term_expires_at"][0]
