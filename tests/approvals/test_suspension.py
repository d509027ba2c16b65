"""Issue 11 item 4: a suspension names one of the CPC's suspension grounds (a table seeded by a data
migration, editable in the admin); the investigation term stops while the case is suspended and resumes
with the time that was left."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from approvals import services
from approvals.choices import DecisionKind
from approvals.content import DecisionContent
from ecase.models import Case, SuspensionGround

ALMATY = ZoneInfo("Asia/Almaty")


def test_the_grounds_are_seeded_and_editable(db):
    codes = list(SuspensionGround.objects.values_list("code", flat=True))
    assert codes == ["45-7-1", "45-7-2", "45-7-3", "45-7-4", "45-7-5", "45-7-6"]
    assert all(g.article.startswith("CPC 45 p.7") for g in SuspensionGround.objects.all())


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "This field is required for a decision of this kind."),
        ({"suspension_ground": "99-9"}, "Unknown ground of suspension."),
        ({"suspension_ground": "45-7-6"}, "Unknown ground of suspension."),  # retired by the admin below
    ],
)
def test_a_suspension_needs_a_known_ground_service(world, make_case, fields, message):
    SuspensionGround.objects.filter(code="45-7-6").update(is_active=False)
    case = make_case(investigator=world.investigator_a)
    with pytest.raises(ValidationError) as exc:
        services.decision_create(
            actor=world.investigator_a,
            case_id=case.pk,
            kind=DecisionKind.SUSPENSION,
            content=DecisionContent(text="Suspended.", **fields),
        )
    assert exc.value.message_dict["suspension_ground"] == [message]


def test_a_suspension_needs_a_ground_api(api_as, world, make_case):
    case = make_case(investigator=world.investigator_a)
    client = api_as(world.investigator_a)
    payload = {"case": case.pk, "kind": "suspension", "text": "Suspended."}
    response = client.post("/api/v1/decisions/", payload, format="json")
    assert response.status_code == 400 and "suspension_ground" in response.json()["fields"]
    response = client.post("/api/v1/decisions/", {**payload, "suspension_ground": "45-7-2"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["suspension_ground"]["code"] == "45-7-2"


def test_a_suspension_needs_a_ground_form(client, world, make_case):
    from django.urls import reverse

    case = make_case(investigator=world.investigator_a)
    client.force_login(world.investigator_a)
    url = reverse("approvals:create", args=[case.pk, "suspension"])
    page = client.get(url).content.decode()
    assert 'name="suspension_ground"' in page and "45-7-1" in page
    response = client.post(url, {"text": "Suspended."})
    assert response.status_code == 400
    assert not case.decisions.exists()


def test_the_term_stops_while_suspended_and_resumes_with_the_time_left(decisions, world, make_case):
    start = datetime(2026, 3, 2, 10, 0, tzinfo=ALMATY)
    with time_machine.travel(start, tick=False) as traveller:
        case = make_case(investigator=world.investigator_a)
        term = case.term_expires_at
        traveller.move_to(start + timedelta(days=20))
        decisions.make(DecisionKind.SUSPENSION, "approved", case=case, suspension_ground="45-7-2")
        case.refresh_from_db()
        left = term - (start + timedelta(days=20))
        assert case.status == "suspended" and case.suspension_ground.code == "45-7-2"
        assert case.term_left_at_suspension == left
        traveller.move_to(start + timedelta(days=50))
        resumption = services.decision_create(
            actor=world.investigator_a,
            case_id=case.pk,
            kind=DecisionKind.RESUMPTION,
            content=DecisionContent(text="The suspect was found."),
        )
        services.decision_submit(decision_id=resumption.pk, actor=world.investigator_a)
        services.decision_approve(decision_id=resumption.pk, actor=world.prosecutor_a1)
        case = Case.objects.get(pk=case.pk)
        assert case.status == "investigating"
        assert case.term_expires_at == start + timedelta(days=50) + left == term + timedelta(days=30)
        assert case.term_left_at_suspension is None
