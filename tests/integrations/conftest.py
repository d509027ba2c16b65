"""Service accounts for the integration tests, made through the services, and a webhook receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.test import APIClient

from ecase.choices import Role
from ecase.models import Organisation
from integrations.models import ServiceAccount
from integrations.scopes import Scope
from integrations.services.accounts import service_account_create, service_token_issue

CASE = {"qualification": "188 p.2", "category": "property", "severity": "medium", "summary": "Theft at the market."}


@dataclass
class Service:
    account: ServiceAccount
    token: str

    def client(self) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.token}")
        return client


@pytest.fixture
def make_service(world) -> Callable[..., Service]:
    def _make(
        *,
        name: str = "police-records",
        organisation: Organisation | None = None,
        role: str = Role.INVESTIGATOR,
        scopes: list[str] | None = None,
    ) -> Service:
        account = service_account_create(
            name=name,
            organisation=organisation or world.police_a1,
            role=role,
            scopes=list(Scope.values) if scopes is None else scopes,
            actor=None,
        )
        _token, raw = service_token_issue(account_id=account.pk, actor=None)
        return Service(account, raw)

    return _make


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 recording every POST (headers, body); `fail` answers 500 to that many."""

    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    hang_on: str = ""  # the event id whose first delivery is held open (its sender gets killed meanwhile)
    hung: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def events(self) -> list[dict]:
        return [json.loads(body) for _headers, body in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.lock:
                failing = state.fail > 0
                if failing:
                    state.fail -= 1
                else:
                    state.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                hang = (
                    state.hang_on and self.headers.get("X-ECase-Event-Id") == state.hang_on and not state.hung.is_set()
                )
            if hang:
                state.hung.set()
                state.release.wait(60)
            self.send_response(500 if failing else 204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Quiet: the tests read what was received, not the server's access log."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()
