"""GET /api/v1/notifications/ and the mark-read actions: own notifications only, bad input answered 4xx."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from ecase.models import Notification
from ecase.notifications.services import notification_create

from .conftest import almaty

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
NOW = almaty(2026, 11, 23, 10, 0)


@pytest.fixture
def notified(world, case_due, scan):
    """Through the real services: investigator_a gets two notifications (two cases due soon), investigator_b one."""
    for day, investigator in ((24, world.investigator_a), (25, world.investigator_a), (24, world.investigator_b)):
        case_due(almaty(2026, 11, day, 18, 0), investigator=investigator)
    with time_machine.travel(NOW, tick=False):
        scan()
    return world


def test_list_shows_only_my_notifications(notified, api_as):
    response = api_as(notified.investigator_a).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert set(first) == {
        "id",
        "level",
        "title",
        "body",
        "url",
        "stage",
        "deadline",
        "created_at",
        "read_at",
        "is_read",
        "event",
        "must_act",
        "closed_at",
        "is_done",
    }
    assert (first["level"], first["stage"], first["is_read"]) == ("info", "due_soon", False)
    mine = set(Notification.objects.filter(user=notified.investigator_a).values_list("pk", flat=True))
    assert {r["id"] for r in body["results"]} == mine
    assert api_as(notified.prosecutor_a1).get(URL).json()["count"] == 0


def test_mark_read_is_idempotent_and_filters_follow(notified, api_as):
    client = api_as(notified.investigator_a)
    target = Notification.objects.filter(user=notified.investigator_a).first()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        first = client.post(f"{URL}{target.pk}/read/")
    assert first.status_code == 200
    assert first.json()["is_read"] is True
    again = client.post(f"{URL}{target.pk}/read/")
    assert again.json()["read_at"] == first.json()["read_at"]
    assert client.get(URL, {"unread": "true"}).json()["count"] == 1
    assert client.get(URL, {"unread": "false"}).json()["count"] == 1
    assert client.get(f"{URL}unread-count/").json() == {"unread": 1}


def test_another_users_notification_is_not_found(notified, api_as):
    theirs = Notification.objects.get(user=notified.investigator_b)
    client = api_as(notified.investigator_a)
    for response in (client.get(f"{URL}{theirs.pk}/"), client.post(f"{URL}{theirs.pk}/read/")):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_marks_up_to_an_instant(notified, api_as):
    client = api_as(notified.investigator_a)
    earlier = Notification.objects.filter(user=notified.investigator_a).order_by("id").first()
    Notification.objects.filter(pk=earlier.pk).update(created_at=NOW - timedelta(days=1))
    response = client.post(f"{URL}read-all/", {"up_to": (NOW - timedelta(hours=1)).isoformat()}, format="json")
    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    assert client.post(f"{URL}read-all/", {}, format="json").json() == {"marked": 1}
    assert client.get(f"{URL}unread-count/").json() == {"unread": 0}
    assert Notification.objects.get(user=notified.investigator_b).read_at is None


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("post", "read-all/", {"data": '{"up_to": ', "content_type": "application/json"}, 400, "parse_error"),
        ("post", "read-all/", {"data": {"up_to": "yesterday"}, "format": "json"}, 400, "invalid"),
        ("post", "read-all/", {"data": {"up_to": 12}, "format": "json"}, 400, "invalid"),
        ("post", "read-all/", {"data": "[1, 2]", "content_type": "application/json"}, 400, "invalid"),
        ("get", "", {"data": {"unread": "maybe"}}, 400, "invalid"),
        ("get", "", {"data": {"level": "loud"}}, 400, "invalid"),
        ("post", "abc/read/", {}, 404, "not_found"),
        ("post", "999999/read/", {}, 404, "not_found"),
        ("get", "999999/", {}, 404, "not_found"),
        ("put", "1/", {"data": {"title": "x"}, "format": "json"}, 405, "method_not_allowed"),
        ("delete", "1/", {}, 405, "method_not_allowed"),
        ("post", "", {"data": {"title": "x"}, "format": "json"}, 405, "method_not_allowed"),
    ],
)
def test_bad_requests_get_an_error_body_never_a_500(notified, api_as, method, path, kwargs, status, code):
    response = getattr(api_as(notified.investigator_a), method)(f"{URL}{path}", **kwargs)
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert set(body) == {"code", "message", "fields"}


def test_bad_up_to_names_the_field(notified, api_as):
    response = api_as(notified.investigator_a).post(f"{URL}read-all/", {"up_to": "soon"}, format="json")
    assert "up_to" in response.json()["fields"]


def test_anonymous_gets_401(notified, api):
    for response in (api.get(URL), api.post(f"{URL}read-all/"), api.get(f"{URL}unread-count/")):
        assert response.status_code in (401, 403)
        assert response.json()["code"] == "not_authenticated"


def test_list_query_count_does_not_grow_with_the_page(world, case_due, scan, api_as, django_assert_max_num_queries):
    for day in range(2, 27):
        if day % 7 not in (0, 6):
            case_due(almaty(2026, 11, day, 18, 0))
    with time_machine.travel(almaty(2026, 11, 1, 10, 0), tick=False):
        scan()  # nothing yet: due soon is 5 working days ahead
    for start in (almaty(2026, 11, 9, 9, 0), almaty(2026, 11, 16, 9, 0), almaty(2026, 11, 23, 9, 0)):
        with time_machine.travel(start, tick=False):
            scan()
    assert Notification.objects.filter(user=world.investigator_a).count() > 10
    client = api_as(world.investigator_a)
    with django_assert_max_num_queries(3):  # count, page (notice joined), and nothing per row
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.json()["results"]) > 10


def test_schema_documents_the_notification_endpoints(api_as, world):
    schema = api_as(world.prosecutor_a1).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert {"/api/v1/notifications/", "/api/v1/notifications/{id}/read/", "/api/v1/notifications/read-all/"} <= set(
        paths
    )
    assert set(paths["/api/v1/notifications/{id}/read/"]["post"]["responses"]) >= {"200", "401", "404"}


def test_other_apps_can_post_a_plain_notification(world, api_as):
    notification_create(user=world.citizen, title="Your complaint was answered", url="/complaints/1/", level="info")
    body = api_as(world.citizen).get(URL).json()
    assert [(r["title"], r["stage"], r["deadline"]) for r in body["results"]] == [
        ("Your complaint was answered", "", None)
    ]
    with pytest.raises(ValueError, match="level"):
        notification_create(user=world.citizen, title="x", level="loud")
