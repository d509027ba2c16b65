"""Reference lists: grounds, kinds of decisions and complaints, the public offices grouped by region —
read-only, paginated, with stable codes, `updated_after`, an ETag and 304; the public ones without a login."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from approvals.choices import DecisionKind
from complaints.models import ComplaintKind
from ecase.models import SuspensionGround, TerminationGround
from integrations.scopes import Scope

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reference"


def _all(client, path: str, **params) -> list[dict]:
    rows, page = [], 1
    while True:
        body = client.get(f"{BASE}/{path}/", {"page": page, "page_size": 100, **params}).json()
        rows += body["results"]
        if not body["next"]:
            return rows
        page += 1


def test_grounds_and_kinds_by_stable_code(api_as, world):
    client = api_as(world.investigator_a)
    termination = _all(client, "termination-grounds")
    assert {r["code"] for r in termination} == set(TerminationGround.objects.values_list("code", flat=True))
    assert any(r["is_rehabilitating"] for r in termination) and all(r["article"] for r in termination)
    suspension = _all(client, "suspension-grounds")
    assert {r["code"] for r in suspension} == set(SuspensionGround.objects.values_list("code", flat=True))
    assert "45-7-2" in {r["code"] for r in suspension}
    kinds = {r["code"]: r for r in _all(client, "decision-kinds")}
    assert set(kinds) == set(DecisionKind.values)
    assert kinds["suspension"]["needs_approval"] is True and kinds["suspension"]["legal_basis"]
    assert kinds[DecisionKind.PREVENTIVE_MEASURE]["court_sanction"] is True


def test_the_public_lists_need_no_login(world):
    anonymous = APIClient()
    kinds = _all(anonymous, "complaint-kinds")
    assert {r["code"] for r in kinds} == set(ComplaintKind.objects.values_list("code", flat=True))
    offices = _all(anonymous, "public-offices")
    by_id = {r["id"]: r for r in offices}
    # Prosecutor's offices only (no police, no court), each with its region; the regions' districts follow them.
    offices_of_the_world = (world.gp, world.reg_a, world.dist_a1, world.dist_a2, world.reg_b, world.dist_b1)
    assert set(by_id) == {o.pk for o in offices_of_the_world}
    assert by_id[world.gp.pk]["region"] is None
    assert by_id[world.dist_a2.pk]["region"] == {"id": world.reg_a.pk, "code": "reg-a", "name": "Regional office A"}
    assert by_id[world.reg_b.pk]["region"]["id"] == world.reg_b.pk
    regions = [r["region"]["code"] for r in offices if r["region"]]
    assert regions == sorted(regions, key=regions.index) and regions.count("reg-a") == 3
    assert regions[:3] == ["reg-a"] * 3 or regions[-3:] == ["reg-a"] * 3  # grouped, not interleaved
    assert anonymous.get(f"{BASE}/termination-grounds/").status_code == 401


def test_an_etag_and_304_and_a_changed_etag_after_an_edit(world):
    anonymous = APIClient()
    first = anonymous.get(f"{BASE}/complaint-kinds/")
    etag = first["ETag"]
    assert anonymous.get(f"{BASE}/complaint-kinds/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    ComplaintKind.objects.filter(code="general").update(term_value=20)  # the administrator edits the term
    again = anonymous.get(f"{BASE}/complaint-kinds/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_updated_after_and_unknown_parameters(api_as, world):
    client = api_as(world.investigator_a)
    response = client.get(f"{BASE}/termination-grounds/", {"updated_after": "2999-01-01T00:00:00Z"})
    assert response.status_code == 200 and response.json()["results"] == []
    assert client.get(f"{BASE}/termination-grounds/", {"updated_after": "yesterday"}).status_code == 400
    assert client.get(f"{BASE}/public-offices/", {"region": "x"}).status_code == 400
    assert client.get(f"{BASE}/decision-kinds/", {"ordering": "code"}).status_code == 400


def test_read_only(api_as, world):
    client = api_as(world.prosecutor_a1)
    for path in ("termination-grounds", "suspension-grounds", "decision-kinds", "complaint-kinds", "public-offices"):
        assert client.post(f"{BASE}/{path}/", {}, format="json").status_code == 405


@pytest.mark.parametrize(
    ("scopes", "path", "status"),
    [
        ([Scope.DECISIONS_READ], "termination-grounds", 200),
        ([Scope.CASES_READ], "termination-grounds", 403),
        ([Scope.DECISIONS_READ], "decision-kinds", 200),
        ([Scope.COMPLAINTS_READ], "public-offices", 200),
        ([Scope.COMPLAINTS_READ], "complaint-kinds", 200),
        ([Scope.DECISIONS_READ], "complaint-kinds", 403),
    ],
)
def test_a_service_accounts_scopes(make_service, scopes, path, status):
    assert make_service(scopes=scopes).client().get(f"{BASE}/{path}/").status_code == status
