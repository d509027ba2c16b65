"""Webhook signatures: `X-ECase-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>`.

A receiver recomputes the HMAC over the timestamp and the raw body, compares in constant time and rejects
a timestamp older than a few minutes (a replay). ``signature_verify`` is the reference implementation
(the README has the same few lines for a receiver).
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-ECase-Signature"
TOLERANCE = 300  # seconds


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def signature_verify(*, secret: str, body: bytes, header: str, tolerance: int = TOLERANCE) -> bool:
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        t = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - t) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))
