"""The SSRF guard of webhook URLs: only public addresses, checked at registration and again at delivery."""

from __future__ import annotations

import socket

import pytest

from ecase.audit.linker import audit_link
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.scopes import Scope
from integrations.services.webhooks import webhook_create, webhook_fan_out_all, webhook_send_pending
from integrations.ssrf import UnsafeWebhookURL, resolve_safe

SCOPES = [Scope.WEBHOOKS, Scope.CASES_READ]

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.5", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("169.254.169.254", "metadata"),
    ("169.254.10.1", "link-local"),
    ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("0.0.0.0", "unspecified"),  # noqa: S104 - an address under test, nothing binds to it
    ("::", "unspecified"),
    ("100.64.0.1", "not public"),  # carrier-grade NAT
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
    ("::ffff:169.254.169.254", "metadata"),
    ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
]


def _resolving_to(monkeypatch, *addresses: str) -> None:
    """The name resolves to these addresses (no DNS server here: getaddrinfo is the one thing replaced)."""

    def fake(host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@pytest.fixture
def production(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    settings.WEBHOOK_ALLOW_HTTP = False
    return settings


@pytest.mark.parametrize(("address", "what"), REFUSED)
def test_each_class_of_internal_address_is_refused(production, address, what):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(UnsafeWebhookURL, match=what):
        resolve_safe(f"https://{host}/hook")


@pytest.mark.parametrize(("address", "what"), REFUSED[:6])
def test_a_name_resolving_to_an_internal_address_is_refused(production, monkeypatch, address, what):
    _resolving_to(monkeypatch, address)
    with pytest.raises(UnsafeWebhookURL, match=what):
        resolve_safe("https://hooks.example.org/in")


def test_one_internal_address_among_public_ones_is_enough_to_refuse(production, monkeypatch):
    _resolving_to(monkeypatch, "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "10.0.0.7")
    with pytest.raises(UnsafeWebhookURL, match="private"):
        resolve_safe("https://hooks.example.org/in")


def test_public_addresses_pass(production, monkeypatch):
    _resolving_to(monkeypatch, "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert [str(a) for a in resolve_safe("https://hooks.example.org/in")] == [
        "93.184.215.14",
        "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
    ]


def test_an_unresolvable_name_and_plain_http_are_refused(production, monkeypatch):
    def nxdomain(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", nxdomain)  # no DNS query leaves the machine
    with pytest.raises(UnsafeWebhookURL, match="does not resolve"):
        resolve_safe("https://no-such-host.invalid/hook")
    with pytest.raises(UnsafeWebhookURL, match="https"):
        resolve_safe("http://93.184.215.14/hook")


def test_the_allowlist_lets_a_chosen_network_through(production):
    production.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    assert [str(a) for a in resolve_safe("https://127.0.0.1:8443/hook")] == ["127.0.0.1"]
    with pytest.raises(UnsafeWebhookURL, match="private"):
        resolve_safe("https://10.0.0.1/hook")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://169.254.169.254/latest/meta-data/", "https://[::1]/x", "https://10.0.0.1/"])
def test_registration_answers_a_clear_400(production, make_service, url):
    client = make_service(scopes=SCOPES).client()
    response = client.post("/api/v1/webhooks/", {"url": url, "event_types": []}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "may not be sent to" in body["fields"]["url"][0]
    assert not client.get("/api/v1/webhooks/").json()["results"]


@pytest.mark.django_db
@pytest.mark.usefixtures("require_postgres")
def test_a_name_rebound_to_an_internal_address_after_registration_is_not_delivered(
    make_service, make_case, receiver, settings, monkeypatch
):
    """DNS rebinding: the receiver's name was public when subscribed and points inside now."""
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    port = receiver.url.split(":")[2].split("/")[0]
    service = make_service(scopes=SCOPES)
    _resolving_to(monkeypatch, "93.184.215.14")
    url = f"http://hooks.example.org:{port}/hook"
    subscription = webhook_create(account=service.account, url=url, event_types=[], actor=service.account.user)
    make_case()
    audit_link()
    webhook_fan_out_all(subscription_id=subscription.pk)
    _resolving_to(monkeypatch, "127.0.0.1")  # where the test receiver listens
    assert webhook_send_pending(subscription_id=subscription.pk) == 0
    delivery = WebhookDelivery.objects.filter(subscription=subscription).order_by("position").first()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "loopback" in delivery.last_error
    assert receiver.received == []  # nothing reached the internal address
