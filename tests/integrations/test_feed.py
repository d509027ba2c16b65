"""The change feed: in chain order, resumable, every visible event exactly once, nothing invisible."""

from __future__ import annotations

import pytest
from django.db import transaction

from ecase.audit.linker import audit_link
from ecase.audit.services import audit_record
from ecase.models import AuditEvent
from integrations.scopes import Scope

pytestmark = pytest.mark.django_db


def _events(case, count: int, action: str) -> None:
    with transaction.atomic():
        for _ in range(count):
            audit_record(action=action, obj=case, actor=None, case=case)


def _read_all(client, *, limit: int = 100, types: str = "", after: str = "") -> tuple[list[dict], str, int]:
    seen: list[dict] = []
    pages = 0
    while True:
        response = client.get("/api/v1/events/", {"after": after, "limit": limit, "types": types})
        assert response.status_code == 200, response.content
        body = response.json()
        pages += 1
        seen.extend(body["events"])
        after = body["next"]
        if not body["has_more"]:
            return seen, after, pages


def test_ten_thousand_events_in_pages_of_100_each_visible_one_exactly_once(make_service, make_case, world):
    service = make_service(scopes=[Scope.EVENTS_READ, Scope.CASES_READ])
    mine, theirs = make_case(), make_case(investigator=world.investigator_b)
    for _ in range(5):  # interleaved in the chain: visible and invisible runs
        _events(mine, 1200, "test.visible")
        _events(theirs, 800, "test.invisible")
    audit_link()
    visible = list(
        AuditEvent.objects.filter(case=mine, position__isnull=False).order_by("position").values_list("seq", flat=True)
    )
    assert len(visible) == 6001  # and the case's registration

    seen, _cursor, pages = _read_all(service.client())

    assert [e["id"] for e in seen] == [str(seq) for seq in visible]  # each once, in order, no gaps
    assert {e["case_id"] for e in seen} == {mine.pk}
    assert pages == 61


def test_the_cursor_resumes_where_it_stopped(make_service, make_case):
    client = make_service(scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client()
    case = make_case()
    _events(case, 5, "test.first")
    first, cursor, _pages = _read_all(client, limit=2)
    _events(case, 3, "test.later")
    later, cursor2, _pages = _read_all(client, after=cursor)
    assert [e["type"] for e in later] == ["test.later"] * 3
    assert not {e["id"] for e in first} & {e["id"] for e in later}
    empty = client.get("/api/v1/events/", {"after": cursor2}).json()
    assert empty == {"events": [], "next": cursor2, "has_more": False}


def test_types_narrow_the_feed(make_service, make_case):
    client = make_service(scopes=[Scope.EVENTS_READ, Scope.CASES_READ]).client()
    case = make_case()
    _events(case, 2, "test.a")
    _events(case, 3, "test.b")
    seen, _cursor, _pages = _read_all(client, types="test.b,case.registered")
    assert [e["type"] for e in seen] == ["case.registered", "test.b", "test.b", "test.b"]


def test_scopes_narrow_the_feed(make_service, make_case):
    client = make_service(scopes=[Scope.EVENTS_READ, Scope.DECISIONS_READ]).client()
    _events(make_case(), 3, "test.case_event")
    seen, _cursor, _pages = _read_all(client)
    assert seen == []  # case events need cases:read


@pytest.mark.parametrize("cursor", ["garbage", "cDE6YWJj", "eDE6MTA"])
def test_a_bad_cursor_is_a_400(make_service, cursor):
    response = make_service().client().get("/api/v1/events/", {"after": cursor})
    assert response.status_code == 400
    assert response.json()["fields"]["after"]


def test_a_person_reads_the_feed_by_visibility(api_as, make_case, world):
    mine = make_case()
    make_case(investigator=world.investigator_b)
    response = api_as(world.prosecutor_a1).get("/api/v1/events/")
    assert response.status_code == 200
    assert {e["case_id"] for e in response.json()["events"]} == {mine.pk}
