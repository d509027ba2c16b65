"""The SSRF guard of webhook URLs: a webhook may only reach the public internet.

A URL must use https (plain http only where `WEBHOOK_ALLOW_HTTP` is on, in development and tests), and every
address its host resolves to must be public: not private, loopback, link-local (so not the cloud metadata
address 169.254.169.254), multicast, reserved, unspecified or shared (100.64/10), for IPv4 and IPv6 alike
(an IPv4-mapped or NAT64 IPv6 address is judged by the IPv4 address inside it). The check runs when a
subscription is made (a clear 400) and again at every delivery, which then connects to the very address it
checked — so a name that resolves to a public address at registration and to an internal one later (DNS
rebinding) is refused, not followed. Redirects are never followed.

`WEBHOOK_ALLOWED_NETWORKS` (CIDRs) lets chosen internal networks through: the tests' receivers on
127.0.0.1, a receiver on the developer's machine. Empty in production.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
METADATA = ipaddress.ip_address("169.254.169.254")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeWebhookURL(ValueError):
    """The URL is not allowed; the message says why (shown to the client at registration)."""


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in settings.WEBHOOK_ALLOWED_NETWORKS]


def _embedded_ipv4(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def address_problem(address: IPAddress) -> str | None:
    """Why a webhook may not reach this address, or None when it may."""
    if any(address in network for network in _allowed_networks()):
        return None
    inner = _embedded_ipv4(address)
    if inner == METADATA:
        return _("the cloud metadata address")
    checks = [
        (inner.is_loopback, _("a loopback address")),
        (inner.is_link_local, _("a link-local address")),
        (inner.is_multicast, _("a multicast address")),
        (inner.is_unspecified, _("an unspecified address")),
        (inner.is_reserved, _("a reserved address")),
        (inner.is_private, _("a private address")),
        (not inner.is_global, _("an address that is not public")),
    ]
    for failed, what in checks:
        if failed:
            return what
    return None


def _split(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    https = parts.scheme == "https"
    if not (https or (settings.WEBHOOK_ALLOW_HTTP and parts.scheme == "http")):
        raise UnsafeWebhookURL(_("A webhook URL must use https."))
    try:
        port = parts.port or (443 if https else 80)
    except ValueError as exc:
        raise UnsafeWebhookURL(_("The port of the webhook URL is not valid.")) from exc
    if not parts.hostname:
        raise UnsafeWebhookURL(_("A webhook URL needs a host name."))
    return parts.scheme, parts.hostname, port


def resolve_safe(url: str) -> list[IPAddress]:
    """The addresses a webhook URL may be sent to (every one its host resolves to is public or allowed);
    raises UnsafeWebhookURL otherwise."""
    _scheme, host, port = _split(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise UnsafeWebhookURL(_("The host name of the webhook URL does not resolve.")) from exc
    addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))
    if not addresses:
        raise UnsafeWebhookURL(_("The host name of the webhook URL does not resolve."))
    for address in addresses:
        problem = address_problem(address)
        if problem:
            raise UnsafeWebhookURL(
                _("A webhook may not be sent to %(address)s: %(problem)s.") % {"address": address, "problem": problem}
            )
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to by now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def safe_post(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST to a webhook URL after checking where it resolves now, to that address; returns the status.
    Raises UnsafeWebhookURL, OSError or http.client.HTTPException."""
    scheme, host, port = _split(url)
    address = str(resolve_safe(url)[0])
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=timeout)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
