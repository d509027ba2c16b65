"""Reference data: the staff of the offices a prosecutor sees, to assign work."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_prosecutor_lists_the_staff_of_his_offices(api_as, world, make_service):
    make_service()  # a service account is no member of staff
    response = api_as(world.prosecutor_a1).get("/api/v1/reference/staff/")
    assert response.status_code == 200
    names = {row["id"]: row for row in response.json()["results"]}
    assert set(names) == {
        u.pk for u in (world.prosecutor_a1, world.senior_a1, world.investigator_a, world.investigator_a2)
    }
    assert names[world.prosecutor_a1.pk]["role"] == "prosecutor"
    assert names[world.prosecutor_a1.pk]["organisation"] == world.dist_a1.pk


def test_the_organisation_filter_and_unknown_parameters(api_as, world):
    client = api_as(world.senior_a)
    rows = client.get("/api/v1/reference/staff/", {"organisation": world.police_a2.pk}).json()["results"]
    assert [r["id"] for r in rows] == [world.investigator_a3.pk]
    assert client.get("/api/v1/reference/staff/", {"office": 1}).status_code == 400


def test_an_investigator_may_not_list_staff(api_as, world):
    assert api_as(world.investigator_a).get("/api/v1/reference/staff/").status_code == 403
