"""The notification centre pages and the unread count in the header."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client

from ecase.models import Notification

from .conftest import almaty

pytestmark = pytest.mark.django_db

NOW = almaty(2026, 11, 23, 10, 0)


@pytest.fixture
def notified(world, case_due, scan):
    for day, investigator in ((24, world.investigator_a), (25, world.investigator_a), (24, world.investigator_b)):
        case_due(almaty(2026, 11, day, 18, 0), investigator=investigator)
    with time_machine.travel(NOW, tick=False):
        scan()
    return world


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _nav_badge(html: str) -> str | None:
    match = re.search(r'href="/notifications/"[^>]*>[^<]*<span class="badge">(\d+)</span>', html)
    return match[1] if match else None


def test_header_shows_the_unread_count_and_the_list_shows_my_notifications(notified):
    client = client_for(notified.investigator_a)
    home = client.get("/", follow=True)  # the role's home page
    assert _nav_badge(home.content.decode()) == "2"
    page = client.get("/notifications/")
    assert page.status_code == 200
    html = page.content.decode()
    for notification in Notification.objects.filter(user=notified.investigator_a):
        assert notification.title in html
    theirs = Notification.objects.get(user=notified.investigator_b)
    assert f"/notifications/{theirs.pk}/read/" not in html


def test_mark_one_read_then_all(notified):
    client = client_for(notified.investigator_a)
    first, second = Notification.objects.filter(user=notified.investigator_a).order_by("id")
    response = client.post(f"/notifications/{first.pk}/read/", {"next": "/notifications/?unread=1"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/?unread=1"
    first.refresh_from_db()
    assert first.read_at is not None
    assert _nav_badge(client.get("/notifications/").content.decode()) == "1"
    unread_page = client.get("/notifications/?unread=1").content.decode()
    assert second.title in unread_page and first.title not in unread_page

    rendered_at = re.search(r'name="up_to" value="([^"]+)"', client.get("/notifications/").content.decode())[1]
    response = client.post("/notifications/read-all/", {"up_to": rendered_at}, follow=True)
    assert "Marked 1 notifications as read." in response.content.decode()
    second.refresh_from_db()
    assert second.read_at is not None
    assert _nav_badge(client.get("/notifications/").content.decode()) is None
    assert Notification.objects.get(user=notified.investigator_b).read_at is None


def test_open_marks_read_and_follows_the_link(notified):
    client = client_for(notified.investigator_a)
    notification = Notification.objects.filter(user=notified.investigator_a).first()
    response = client.post(f"/notifications/{notification.pk}/read/", {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == notification.url
    assert notification.url.startswith("/cases/")


def test_external_next_is_not_followed(notified):
    client = client_for(notified.investigator_a)
    notification = Notification.objects.filter(user=notified.investigator_a).first()
    response = client.post(f"/notifications/{notification.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"


def test_other_users_notification_is_404_and_get_is_not_allowed(notified):
    client = client_for(notified.investigator_a)
    theirs = Notification.objects.get(user=notified.investigator_b)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert client.get(f"/notifications/{theirs.pk}/read/").status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_stale_form_value_is_reported(notified):
    client = client_for(notified.investigator_a)
    response = client.post("/notifications/read-all/", {"up_to": "not a time"}, follow=True)
    assert "nothing was marked" in response.content.decode()
    assert Notification.objects.filter(user=notified.investigator_a, read_at__isnull=True).count() == 2


def test_anonymous_is_sent_to_login(db):
    response = Client().get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_empty_centre(world):
    page = client_for(world.citizen).get("/notifications/")
    assert page.status_code == 200
    assert "No notifications yet." in page.content.decode()
