"""Webhooks: the audit trail as the outbox, signed deliveries in order, backoff, dead letters, the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ecase.audit.linker import audit_link
from ecase.audit.services import audit_record
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.scopes import Scope
from integrations.services.webhooks import webhook_create, webhook_fan_out, webhook_fan_out_all, webhook_send_pending
from integrations.signing import signature_verify

# The sender serialises per subscription with a PostgreSQL advisory lock: PostgreSQL only (CI runs them).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_postgres")]
SCOPES = [Scope.WEBHOOKS, Scope.CASES_READ]


def _events(case, count: int, action: str = "test.changed") -> None:
    with transaction.atomic():
        for _ in range(count):
            audit_record(action=action, obj=case, actor=None, case=case)


def _pump(subscription) -> int:
    audit_link()
    webhook_fan_out_all(subscription_id=subscription.pk)
    return webhook_send_pending(subscription_id=subscription.pk)


def test_every_visible_event_arrives_once_in_order_signed(make_service, make_case, world, receiver):
    service = make_service(scopes=SCOPES)
    subscription = webhook_create(account=service.account, url=receiver.url, event_types=[], actor=service.account.user)
    mine, theirs = make_case(), make_case(investigator=world.investigator_b)
    _events(mine, 3)
    _events(theirs, 2)
    _events(mine, 2)
    assert _pump(subscription) == 6  # the registration and five changes; none of the other body's case
    events = receiver.events()
    assert [e["case_id"] for e in events] == [mine.pk] * 6
    assert [int(e["id"]) for e in events] == sorted(int(e["id"]) for e in events)
    for headers, body in receiver.received:
        assert signature_verify(secret=subscription.secret, body=body, header=headers["x-ecase-signature"])
        assert not signature_verify(secret="wrong", body=body, header=headers["x-ecase-signature"])
        assert headers["x-ecase-event-id"]
    assert _pump(subscription) == 0  # nothing twice


def test_a_stale_signature_is_rejected_by_the_reference_verifier():
    from integrations.signing import signature_header

    old = signature_header(secret="s", body=b"{}", timestamp=int(timezone.now().timestamp()) - 3600)
    assert not signature_verify(secret="s", body=b"{}", header=old)


def test_a_failure_stops_the_queue_and_backs_off_then_resumes_in_order(make_service, make_case, receiver):
    service = make_service(scopes=SCOPES)
    subscription = webhook_create(account=service.account, url=receiver.url, event_types=[], actor=service.account.user)
    case = make_case()
    _events(case, 3)
    receiver.fail = 1
    assert _pump(subscription) == 0
    first = WebhookDelivery.objects.filter(subscription=subscription).order_by("position").first()
    assert first.status == DeliveryStatus.PENDING and first.attempts == 1 and first.last_status_code == 500
    assert first.next_attempt_at > timezone.now()
    assert receiver.received == []  # the later events wait behind it
    WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())  # the backoff has passed
    assert _pump(subscription) == 4
    assert [int(e["id"]) for e in receiver.events()] == sorted(int(e["id"]) for e in receiver.events())


def test_after_a_day_a_failing_delivery_goes_to_the_dead_letters(make_service, make_case, receiver):
    service = make_service(scopes=SCOPES)
    subscription = webhook_create(account=service.account, url=receiver.url, event_types=[], actor=service.account.user)
    make_case()
    audit_link()
    webhook_fan_out(subscription_id=subscription.pk)
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    receiver.fail = 1
    assert webhook_send_pending(subscription_id=subscription.pk) == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DEAD


def test_event_types_filter_the_subscription(make_service, make_case, receiver):
    service = make_service(scopes=SCOPES)
    subscription = webhook_create(
        account=service.account, url=receiver.url, event_types=["test.wanted"], actor=service.account.user
    )
    case = make_case()
    _events(case, 2, "test.other")
    _events(case, 1, "test.wanted")
    _pump(subscription)
    assert [e["type"] for e in receiver.events()] == ["test.wanted"]


def test_the_api_subscribes_logs_redelivers_pings_and_unsubscribes(make_service, make_case, receiver):
    service = make_service(scopes=SCOPES)
    client = service.client()
    created = client.post("/api/v1/webhooks/", {"url": receiver.url, "event_types": []}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert len(body["secret"]) == 64
    assert "secret" not in client.get(f"/api/v1/webhooks/{body['id']}/").json()
    make_case()
    subscription = service.account.webhooks.get()
    _pump(subscription)
    log = client.get(f"/api/v1/webhooks/{body['id']}/deliveries/").json()["results"]
    assert [d["status"] for d in log] == ["delivered"]
    redo = client.post(f"/api/v1/webhooks/{body['id']}/deliveries/{log[0]['id']}/redeliver/")
    assert redo.status_code == 202
    _pump(subscription)
    assert len(receiver.received) == 2
    assert receiver.events()[0]["id"] == receiver.events()[1]["id"] == log[0]["event_id"]  # same event id
    ping = client.post(f"/api/v1/webhooks/{body['id']}/ping/")
    assert ping.json() == {"status_code": 204, "error": ""}
    headers, raw = receiver.received[-1]
    assert signature_verify(secret=body["secret"], body=raw, header=headers["x-ecase-signature"])
    assert client.delete(f"/api/v1/webhooks/{body['id']}/").status_code == 204
    assert client.get("/api/v1/webhooks/").json()["results"] == []


def test_another_accounts_subscription_is_a_404(make_service, receiver, world):
    owner = make_service(scopes=SCOPES)
    other = make_service(name="other", scopes=SCOPES)
    subscription = webhook_create(account=owner.account, url=receiver.url, event_types=[], actor=owner.account.user)
    assert other.client().get(f"/api/v1/webhooks/{subscription.pk}/").status_code == 404
    assert other.client().post(f"/api/v1/webhooks/{subscription.pk}/ping/").status_code == 404


def test_a_plain_http_url_is_refused_in_production(make_service, settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    client = make_service(scopes=SCOPES).client()
    response = client.post("/api/v1/webhooks/", {"url": "http://example.org/hook"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["fields"]
