"""A small HTTP load driver: N threads, one keep-alive connection each (reopened when the server closes it),
GET one URL until the time is up; latencies in milliseconds."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    label: str
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(p) - 1]


def fetch(host: str, port: int, path: str, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def drive(
    *, label: str, host: str, port: int, path: str, headers: dict[str, str], connections: int, seconds: float
) -> LoadResult:
    """Run `connections` clients against one URL for `seconds`; every non-200 answer counts as an error."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    start = threading.Barrier(connections + 1)
    deadline = 0.0

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        start.wait()
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            if ok:
                latencies[index].append((time.perf_counter() - began) * 1000)
            else:
                errors[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    result = LoadResult(label=label, seconds=time.monotonic() - began)
    for own in latencies:
        result.latencies_ms.extend(own)
    result.errors = sum(errors)
    return result
