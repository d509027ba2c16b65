"""Sending SMS through an interface, chosen by the setting SMS_BACKEND (like Django's EMAIL_BACKEND):

- ``ConsoleSmsBackend`` writes each message to standard output (development);
- ``FileSmsBackend`` writes each message as a JSON file into SMS_FILE_PATH (staging, demos);
- ``LocmemSmsBackend`` keeps messages in ``outbox`` (tests);
- ``HttpSmsBackend`` POSTs ``{"to", "text", "reference"}`` as JSON to SMS_GATEWAY_URL with the header
  ``Authorization: Bearer <SMS_GATEWAY_TOKEN>`` (an operator's gateway). Any answer but 2xx raises
  SmsError; a network failure raises OSError. Both are retried by the delivery task.

``reference`` is the delivery's id: a gateway that deduplicates by it sends a retried message once.
"""

from __future__ import annotations

import abc
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, ClassVar, TextIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The gateway refused or failed to take the message (worth retrying)."""


class SmsBackend(abc.ABC):
    @abc.abstractmethod
    def send(self, *, to: str, text: str, reference: str) -> None:
        """Send one SMS; raise SmsError when it cannot be sent."""


class ConsoleSmsBackend(SmsBackend):
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, *, to: str, text: str, reference: str) -> None:
        self.stream.write(f"SMS to {to} [{reference}]: {text}\n")
        self.stream.flush()


class FileSmsBackend(SmsBackend):
    def __init__(self, directory: str | Path | None = None) -> None:
        path = directory or getattr(settings, "SMS_FILE_PATH", "")
        if not path:
            raise ImproperlyConfigured("FileSmsBackend needs SMS_FILE_PATH (a directory)")
        self.directory = Path(path)

    def send(self, *, to: str, text: str, reference: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        message = {"to": to, "text": text, "reference": reference, "created_at": timezone.now().isoformat()}
        target = self.directory / f"{stamp}-{reference}.json"
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(message, ensure_ascii=False), encoding="utf-8")
        temporary.replace(target)  # a reader never sees a half-written file


class LocmemSmsBackend(SmsBackend):
    outbox: ClassVar[list[dict[str, str]]] = []

    def send(self, *, to: str, text: str, reference: str) -> None:
        self.outbox.append({"to": to, "text": text, "reference": reference})


class HttpSmsBackend(SmsBackend):
    def __init__(self, url: str | None = None, token: str | None = None, timeout: float | None = None) -> None:
        self.url: str = url or getattr(settings, "SMS_GATEWAY_URL", "") or ""
        self.token = token if token is not None else getattr(settings, "SMS_GATEWAY_TOKEN", "")
        self.timeout = timeout or getattr(settings, "SMS_GATEWAY_TIMEOUT", 10.0)
        if not self.url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("HttpSmsBackend needs SMS_GATEWAY_URL (http:// or https://)")

    def send(self, *, to: str, text: str, reference: str) -> None:
        payload = json.dumps({"to": to, "text": text, "reference": reference}).encode()
        headers: dict[str, Any] = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (checked above)
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode(errors="replace")
            raise SmsError(f"gateway answered HTTP {exc.code}: {detail}") from exc


def get_sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend
