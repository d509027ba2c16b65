#!/usr/bin/env python
"""Container health check for the web service: /readyz must answer 200 (database, Redis, migrations).

Runs inside the container (Dockerfile HEALTHCHECK). It sends the first allowed host name and the
`X-Forwarded-Proto: https` header a TLS-terminating proxy would add, so neither ALLOWED_HOSTS nor the
HTTPS redirect of the production settings gets in the way. Standard library only.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from urllib.parse import urlparse

DEFAULT_URL = "http://127.0.0.1:8000/readyz"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", DEFAULT_URL)
    if urlparse(url).scheme not in ("http", "https"):
        print(f"unsupported URL {url!r}", file=sys.stderr)
        return 2
    hosts = [h.strip().lstrip(".") for h in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    host = next((h for h in hosts if h and h != "*"), "localhost")
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - scheme checked above
            status = response.status
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
