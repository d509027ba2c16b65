"""A small fixed-window rate limiter on the Django cache (Redis when REDIS_URL is set, so every web and
worker process shares the counters). Used by the public web forms and, as a DRF throttle, by the public API.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (scopes `public` for filings and sign-ups,
`public_lookup` for status look-ups), read at call time so deployments and tests can change them.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView


def _rate(scope: str) -> tuple[int, int]:
    rate = getattr(settings, "REST_FRAMEWORK")["DEFAULT_THROTTLE_RATES"][scope]  # noqa: B009 - typed as Any
    num, duration = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    return int(num or 0), int(duration or 60)


def client_ip(request: HttpRequest | Request) -> str:
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone pick a fresh identity.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, *identities: str) -> int:
    """Count one attempt for each identity (e.g. "ip:1.2.3.4", "iin:...") in this scope's window.

    Returns 0 when every identity is within its limit, else the seconds until the window resets."""
    limit, duration = _rate(scope)
    now = time.time()
    window = int(now // duration)
    wait = 0
    for identity in identities:
        if not identity:
            continue
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        key = f"complaints:rl:{scope}:{digest}:{window}"
        cache.add(key, 0, duration + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, duration + 5)
            count = 1
        if count > limit:
            wait = max(wait, int((window + 1) * duration - now) + 1)
    return wait


class PublicThrottle(BaseThrottle):
    """The limiter as a DRF throttle, per client address, in the view's `throttle_scope`."""

    def __init__(self) -> None:
        self._wait = 0

    def allow_request(self, request: Request, view: APIView) -> bool:
        scope = getattr(view, "throttle_scope", "public")
        self._wait = hit(scope, f"ip:{client_ip(request)}")
        return self._wait == 0

    def wait(self) -> float | None:
        return self._wait or None
