"""A live eCase for the contract tests: pytest-django's live server over the small demo world (seed_demo), a
service-account token per role, and no way out of this machine (see `offline`)."""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from ecase.choices import Role
from ecase.models import Organisation
from integrations.models import ServiceAccount
from integrations.scopes import Scope
from integrations.services.accounts import service_account_create, service_token_issue

# (role, the office of the demo world it works in)
ACCOUNTS = [(Role.PROSECUTOR, "ala-medeu"), (Role.INVESTIGATOR, "ala-medeu-pd")]


@dataclass
class LiveAPI:
    url: str
    tokens: dict[str, str]  # role -> a service account's bearer token

    def schema(self) -> bytes:
        """The OpenAPI document as the live server publishes it (JSON)."""
        with urllib.request.urlopen(f"{self.url}/api/schema/?format=json", timeout=60) as response:  # noqa: S310
            return response.read()


def _local_only(real):  # type: ignore[no-untyped-def]
    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            ipaddress.ip_address(str(host).strip("[]"))
        except ValueError:
            if host not in ("localhost", None):
                raise socket.gaierror(socket.EAI_NONAME, "no DNS in the contract tests") from None
        return real(host, *args, **kwargs)

    return getaddrinfo


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated requests subscribe webhooks to any URL and ask for pings: the server (in this process) may
    neither resolve names nor send a webhook anywhere while they run."""

    def no_post(**kwargs: object) -> int:
        raise OSError("outbound webhooks are off in the contract tests")

    monkeypatch.setattr("integrations.services.webhooks.safe_post", no_post)
    monkeypatch.setattr(socket, "getaddrinfo", _local_only(socket.getaddrinfo))


@pytest.fixture
def live_api(transactional_db, live_server, offline, require_postgres) -> Iterator[LiveAPI]:
    call_command("seed_demo", "--no-progress", verbosity=0)
    tokens = {}
    for role, office in ACCOUNTS:
        account = service_account_create(
            name=f"contract-{role}",
            organisation=Organisation.objects.get(code=office),
            role=role,
            scopes=list(Scope.values),
            actor=None,
        )
        # The generated requests come much faster than an integrator's: lift the per-minute limit.
        ServiceAccount.objects.filter(pk=account.pk).update(rate_limit_per_minute=1_000_000)
        tokens[role] = service_token_issue(account_id=account.pk, actor=None)[1]
    yield LiveAPI(url=live_server.url, tokens=tokens)
