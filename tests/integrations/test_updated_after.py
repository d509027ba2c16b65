"""`updated_after` on the lists: what changed since a moment, from the audit trail (or `updated_at`)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from ecase.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_cases_changed_after_a_moment(api_as, make_case, world):
    old, changed = make_case(), make_case()
    moment = timezone.now()
    with transaction.atomic():
        audit_record(action="test.changed", obj=changed, actor=None, case=changed)
    client = api_as(world.investigator_a)
    ids = [c["id"] for c in client.get("/api/v1/cases/", {"updated_after": moment.isoformat()}).json()["results"]]
    assert ids == [changed.pk]
    assert len(client.get("/api/v1/cases/").json()["results"]) == 2
    assert old.pk not in ids


def test_decisions_use_their_updated_at(api_as, make_case, world):
    from approvals.choices import DecisionKind
    from tests.approvals.factories import DecisionMaker

    maker = DecisionMaker(world, make_case)
    maker.make(DecisionKind.SUSPENSION, "draft")
    moment = timezone.now()
    later = maker.make(DecisionKind.SUSPENSION, "draft")
    response = api_as(world.investigator_a).get("/api/v1/decisions/", {"updated_after": moment.isoformat()})
    assert [d["id"] for d in response.json()["results"]] == [later.pk]


@pytest.mark.parametrize("value", ["yesterday", "2026-01-01T00:00:00"])
def test_a_bad_moment_is_a_400(api_as, world, value):
    response = api_as(world.investigator_a).get("/api/v1/cases/", {"updated_after": value})
    assert response.status_code == 400
    assert "updated_after" in response.json()["fields"]


def test_unknown_parameters_are_still_refused(api_as, world):
    response = api_as(world.investigator_a).get("/api/v1/cases/", {"updated_afterr": "x"})
    assert response.status_code == 400
