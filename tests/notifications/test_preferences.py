"""Notification settings: the API (GET/PUT, every bad input a 400 in the error shape that changes nothing),
the page under the notification centre, and the choices taking effect on the channels of a notice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from approvals import services
from approvals.choices import DecisionKind
from approvals.notices import RETURNED, SUBMITTED
from ecase.models import Delivery, NotificationPreference

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/preferences/"


def _by_event(body):
    return {e["event"]: e for e in body["events"]}


def test_get_lists_the_events_of_my_role_with_defaults(world, api_as):
    response = api_as(world.investigator_a).get(URL)
    assert response.status_code == 200
    events = _by_event(response.json())
    assert RETURNED in events and SUBMITTED not in events  # an investigator approves nothing
    assert events[RETURNED] | {"label": ""} == {
        "event": RETURNED,
        "label": "",
        "must_act": True,
        "channels": ["in_app", "email", "sms"],
        "in_app": True,
        "email": True,
        "sms": False,
    }
    assert SUBMITTED in _by_event(api_as(world.prosecutor_a1).get(URL).json())


def test_put_changes_what_it_names(world, api_as):
    client = api_as(world.investigator_a)
    response = client.put(
        URL,
        {"language": "kk", "phone": "+7 701 123 45 67", "events": [{"event": RETURNED, "email": False, "sms": True}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["language"], body["phone"]) == ("kk", "+77011234567")
    returned = _by_event(body)[RETURNED]
    assert (returned["in_app"], returned["email"], returned["sms"]) == (True, False, True)
    world.investigator_a.refresh_from_db()
    assert (world.investigator_a.language, world.investigator_a.phone) == ("kk", "+77011234567")
    row = NotificationPreference.objects.get(user=world.investigator_a, event=RETURNED)
    assert (row.in_app, row.email, row.sms) == (True, False, True)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"events": [{"event": "no.such_event", "email": True}]}, "events[0].event"),
        ({"events": [{"event": SUBMITTED, "email": True}]}, "events[0].event"),  # not an investigator's event
        ({"events": [{"event": RETURNED, "in_app": False}]}, "events[0].in_app"),  # asks for action
        ({"events": [{"event": RETURNED, "email": "maybe"}]}, "events"),
        ({"events": [{"event": RETURNED, "sms": True}]}, "phone"),  # no phone number
        ({"phone": "12345"}, "phone"),
        ({"language": "de"}, "language"),
        ({"events": [{"event": RETURNED}, {"event": RETURNED}]}, "events[1].event"),
        ({"events": "all"}, "events"),
    ],
)
def test_bad_input_is_a_400_that_changes_nothing(world, api_as, payload, field):
    before = api_as(world.investigator_a).get(URL).json()
    response = api_as(world.investigator_a).put(URL, payload, format="json")
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert any(key == field or key.startswith(field) for key in body["fields"]), body
    assert api_as(world.investigator_a).get(URL).json() == before
    assert not NotificationPreference.objects.exists()


def test_a_channel_the_event_does_not_offer_is_refused(world, api_as):
    response = api_as(world.citizen).put(
        URL, {"events": [{"event": "complaints.answered", "email": True}]}, format="json"
    )
    assert response.status_code == 400
    assert "events[0].email" in response.json()["fields"]


def test_anonymous_is_refused(api):
    assert api.get(URL).status_code in (401, 403)


def test_choices_decide_the_channels_of_a_notice(world, api_as, decisions, committed, sms_outbox):
    api_as(world.investigator_a).put(
        URL, {"phone": "+77011234567", "events": [{"event": RETURNED, "email": False, "sms": True}]}, format="json"
    )
    with committed():
        decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    mail.outbox.clear()
    with committed():
        services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Fix the dates.")
    assert [m.to for m in mail.outbox] == []
    assert [m["to"] for m in sms_outbox] == ["+77011234567"]
    log = Delivery.objects.get(user=world.investigator_a)
    assert (log.channel, log.status, log.notification.message_key) == ("sms", "sent", RETURNED)


def test_the_settings_page_saves_and_shows_errors(world):
    client = Client()
    client.force_login(world.investigator_a)
    page = client.get("/notifications/preferences/")
    assert page.status_code == 200
    assert "A decision of mine was returned for revision" in page.content.decode()
    field = f"{RETURNED.replace('.', '__')}--sms"
    bad = client.post("/notifications/preferences/", {"language": "", "phone": "", field: "on"})
    assert bad.status_code == 400
    assert "Give a phone number to receive SMS." in bad.content.decode()
    assert not NotificationPreference.objects.exists()
    good = client.post("/notifications/preferences/", {"language": "ru", "phone": "87011234567", field: "on"})
    assert good.status_code == 302
    row = NotificationPreference.objects.get(user=world.investigator_a, event=RETURNED)
    assert row.sms is True and row.in_app is True
    world.investigator_a.refresh_from_db()
    assert (world.investigator_a.language, world.investigator_a.phone) == ("ru", "+77011234567")
