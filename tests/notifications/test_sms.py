"""The SMS interface: the file backend, the HTTP gateway backend against a real HTTP server on 127.0.0.1,
and a failing gateway: the delivery task retries with backoff (eagerly here) and the delivery log keeps
the attempts and the last error; a gateway that recovers gets the message once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ecase.models import Delivery, DeliveryStatus
from ecase.notifications.delivery import deliveries_enqueue
from ecase.notifications.sms import FileSmsBackend, HttpSmsBackend, SmsError

TOKEN = "gateway-test-token"  # noqa: S105


class Gateway:
    """A real HTTP server: records each request, answers the next status of `script` (then 200)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, object]] = []
        self.script: list[int] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                gateway.requests.append({"auth": self.headers.get("Authorization"), "body": body})
                status = gateway.script.pop(0) if gateway.script else 200
                answer = b'{"status": "queued"}' if status == 200 else b'{"error": "overloaded"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings) -> Iterator[Gateway]:
    with Gateway() as running:
        settings.SMS_BACKEND = "ecase.notifications.sms.HttpSmsBackend"
        settings.SMS_GATEWAY_URL = running.url
        settings.SMS_GATEWAY_TOKEN = TOKEN
        settings.SMS_GATEWAY_TIMEOUT = 5
        yield running


def test_file_backend_writes_one_json_file_per_message(tmp_path: Path):
    backend = FileSmsBackend(tmp_path / "sms")
    backend.send(to="+77011234567", text="eCase: Сіздің шағымыңыз тіркелді", reference="delivery-7")
    [written] = list((tmp_path / "sms").iterdir())
    message = json.loads(written.read_text(encoding="utf-8"))
    assert (message["to"], message["text"], message["reference"]) == (
        "+77011234567",
        "eCase: Сіздің шағымыңыз тіркелді",
        "delivery-7",
    )
    assert written.name.endswith("-delivery-7.json")


def test_http_backend_posts_json_with_the_token(gateway: Gateway):
    HttpSmsBackend().send(to="+77011234567", text="eCase: test", reference="delivery-1")
    [request] = gateway.requests
    assert request["auth"] == f"Bearer {TOKEN}"
    assert request["body"] == {"to": "+77011234567", "text": "eCase: test", "reference": "delivery-1"}


def test_http_backend_refused_is_an_sms_error(gateway: Gateway):
    gateway.script = [503]
    with pytest.raises(SmsError, match="HTTP 503"):
        HttpSmsBackend().send(to="+77011234567", text="x", reference="delivery-2")


def test_http_backend_needs_a_url(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(ImproperlyConfigured):
        HttpSmsBackend()


def _sms(**fields) -> Delivery:
    return Delivery.objects.create(
        channel="sms",
        recipient="+77011234567",
        language="kk",
        message_key="complaints.registered_citizen",
        params={"number": "2026-TEST-0001", "due": {"_dt": "2026-12-24T18:59:00+00:00"}},
        **fields,
    )


@pytest.mark.django_db
def test_a_gateway_that_fails_twice_gets_the_message_on_the_third_attempt(gateway: Gateway):
    gateway.script = [503, 500]
    delivery = _sms()
    deliveries_enqueue([delivery.pk])  # eager: the task and its retries run here, without the countdown
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == (DeliveryStatus.SENT, 3, "")
    assert delivery.sent_at is not None
    assert len(gateway.requests) == 3
    # In the recipient's language (Kazakh), with the delivery id as the gateway's reference.
    body = gateway.requests[-1]["body"]
    assert isinstance(body, dict) and body["reference"] == f"delivery-{delivery.pk}"
    assert "2026-TEST-0001" in body["text"] and "24.12.2026 23:59" in body["text"]


@pytest.mark.django_db
def test_a_gateway_that_keeps_failing_is_retried_then_logged_as_failed(gateway: Gateway, settings):
    from ecase.notifications.tasks import deliver_notice_task as task

    gateway.script = [503] * 20
    delivery = _sms()
    deliveries_enqueue([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == task.max_retries + 1 == settings.NOTICE_DELIVERY_MAX_RETRIES + 1
    assert "HTTP 503" in delivery.error and delivery.sent_at is None
    assert len(gateway.requests) == delivery.attempts
    # A failed delivery is never sent again (a late duplicate message does nothing).
    deliveries_enqueue([delivery.pk])
    assert len(gateway.requests) == delivery.attempts


@pytest.mark.django_db
def test_an_unreachable_gateway_is_retried_and_logged(settings):
    settings.SMS_BACKEND = "ecase.notifications.sms.HttpSmsBackend"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # discard port: connection refused
    settings.SMS_GATEWAY_TIMEOUT = 2
    delivery = _sms()
    deliveries_enqueue([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and "refused" in delivery.error.lower()
