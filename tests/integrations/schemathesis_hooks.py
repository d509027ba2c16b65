"""Schemathesis hooks for tests/integrations/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

A generated `Idempotency-Key` is made unique per request: schemathesis draws short keys ("0", "a") again and
again, and the same key with another body is (rightly) 422, so most writes would never reach their view.
A key the API must refuse (empty, too long, unprintable) is kept as generated.
"""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis

HEADER = "Idempotency-Key"


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict[str, Any]) -> None:
    headers = case.headers or {}
    key = headers.get(HEADER)
    if isinstance(key, str) and 0 < len(key) <= 255 and key.isprintable():
        headers[HEADER] = uuid.uuid4().hex
