"""Who gave the personal explanation is a user reference (issue 12), chosen among those who may give it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.choices import ExplanationForm
from complaints.models import Complaint
from ecase.models import AuditEvent


def _record(world, complaint, actor, **extra):
    return services.complaint_record_explanation(
        complaint_id=complaint.pk,
        actor=actor,
        held_at=timezone.now() - timedelta(minutes=1),
        form=ExplanationForm.PHONE,
        participants="The complainant",
        summary="Explained why the decision was lawful.",
        **extra,
    )


def test_by_default_the_recorder_gave_it(world, complaint_in):
    complaint = _record(world, complaint_in(S.REFUSAL_PENDING_EXPLANATION), world.senior_a1)
    assert complaint.explanation.given_by == world.senior_a1
    event = AuditEvent.objects.get(action="complaint.record_explanation", object_id=str(complaint.pk))
    assert event.data["given_by"] == world.senior_a1.pk and event.actor == world.senior_a1


def test_a_senior_prosecutor_of_a_higher_office_may_have_given_it(world, complaint_in):
    complaint = _record(
        world, complaint_in(S.REFUSAL_PENDING_EXPLANATION), world.senior_a1, given_by_id=world.senior_a.pk
    )
    assert (complaint.explanation.given_by, complaint.explanation.recorded_by) == (world.senior_a, world.senior_a1)


@pytest.mark.parametrize("who", ["prosecutor_a1", "senior_b", "citizen"])
def test_someone_who_may_not_give_it_is_a_400_and_changes_nothing(world, complaint_in, who):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    with pytest.raises(ValidationError) as err:
        _record(world, complaint, world.senior_a1, given_by_id=getattr(world, who).pk)
    assert "given_by" in err.value.message_dict
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSAL_PENDING_EXPLANATION


def test_api_takes_and_returns_the_user(world, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    client = APIClient()
    client.force_authenticate(world.senior_a1)
    body = {
        "held_at": (timezone.now() - timedelta(minutes=1)).isoformat(),
        "form": "phone",
        "given_by": world.senior_a.pk,
        "participants": "The complainant",
        "summary": "Explained.",
    }
    response = client.post(f"/api/v1/complaints/{complaint.pk}/explanations/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["explanation"]["given_by"]["id"] == world.senior_a.pk
    bad = client.post(
        f"/api/v1/complaints/{complaint.pk}/explanations/", body | {"given_by": world.citizen.pk}, format="json"
    )
    assert bad.status_code in (400, 409)
