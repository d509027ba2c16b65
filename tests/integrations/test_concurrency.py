"""ETag on details, If-Match on writes: a stale version answers 412 and changes nothing."""

from __future__ import annotations

import pytest

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from tests.approvals.factories import DecisionMaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(world, make_case) -> DecisionMaker:
    return DecisionMaker(world, make_case)


def test_a_case_detail_has_an_etag_that_changes_with_the_case(api_as, make_case, world):
    case = make_case()
    client = api_as(world.investigator_a)
    first = client.get(f"/api/v1/cases/{case.pk}/")["ETag"]
    assert client.get(f"/api/v1/cases/{case.pk}/")["ETag"] == first
    client.post(
        f"/api/v1/cases/{case.pk}/participants/",
        {"role": "witness", "full_name": "Aida Bekova"},
        format="json",
    )
    assert client.get(f"/api/v1/cases/{case.pk}/")["ETag"] != first


def test_a_stale_if_match_on_an_action_is_412_and_changes_nothing(api_as, decisions, world):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    prosecutor = api_as(world.prosecutor_a1)
    stale = prosecutor.get(f"/api/v1/decisions/{decision.pk}/")["ETag"]
    decisions.make(DecisionKind.SUSPENSION, "draft", case=decision.case)  # unrelated: the version stays
    fresh = prosecutor.get(f"/api/v1/decisions/{decision.pk}/")["ETag"]
    assert fresh == stale
    other = api_as(world.senior_a1)  # another prosecutor of the office returns it meanwhile
    returned = other.post(f"/api/v1/decisions/{decision.pk}/return/", {"remarks": "Fix the date."}, format="json")
    assert returned.status_code == 200, returned.content
    response = prosecutor.post(f"/api/v1/decisions/{decision.pk}/approve/", {}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert ProceduralDecision.objects.get(pk=decision.pk).status == DecisionStatus.RETURNED


def test_a_current_if_match_lets_the_action_run(api_as, decisions, world):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    prosecutor = api_as(world.prosecutor_a1)
    etag = prosecutor.get(f"/api/v1/decisions/{decision.pk}/")["ETag"]
    response = prosecutor.post(f"/api/v1/decisions/{decision.pk}/approve/", {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == DecisionStatus.APPROVED


def test_a_stale_if_match_on_patch_is_412(api_as, decisions, world):
    decision = decisions.make(DecisionKind.SUSPENSION, "draft")
    author = api_as(world.investigator_a)
    etag = author.get(f"/api/v1/decisions/{decision.pk}/")["ETag"]
    assert author.patch(f"/api/v1/decisions/{decision.pk}/", {"text": "First edit."}, format="json").status_code == 200
    stale = author.patch(f"/api/v1/decisions/{decision.pk}/", {"text": "Lost edit."}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_an_invisible_object_is_404_not_412(api_as, decisions, world):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    response = api_as(world.prosecutor_b1).post(
        f"/api/v1/decisions/{decision.pk}/approve/", {}, format="json", HTTP_IF_MATCH='"stale"'
    )
    assert response.status_code == 404
