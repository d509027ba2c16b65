"""The benchmark run: the database, a user, gunicorn with the product and the floor endpoints, the load, the
table. ``manage.py bench_lists`` is its command-line face."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from ecase.choices import Role
from ecase.models import Case, Organisation, User
from ecase.services.tokens import token_issue

from ..models import DecisionDocument, DecisionSignature, ProceduralDecision
from ..selectors import inbox_count
from .load import LoadResult, drive, fetch

HOST = "127.0.0.1"
BENCH_URLCONF = "approvals.bench.urls"


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    floor: str | None  # label of the floor it is compared with; None for a floor itself
    html: bool = False


ENDPOINTS = [
    Endpoint("floor: decisions", "/bench-floor/decisions/?status=pending", None),
    Endpoint("API inbox", "/api/v1/decisions/?status=pending&ordering=due_at", "floor: decisions"),
    Endpoint("floor: cases", "/bench-floor/cases/", None),
    Endpoint("API case list", "/api/v1/cases/", "floor: cases"),
    Endpoint("web inbox (HTML)", "/decisions/", "API inbox", html=True),
]


@dataclass
class Row:
    endpoint: Endpoint
    result: LoadResult
    queries: int


# The listed tables get VACUUM ANALYZE before the run, as autovacuum would have done on a database in use:
# fresh statistics for the planner and a visibility map for the index-only count of a page.
_TABLES = (Case, User, Organisation, ProceduralDecision, DecisionDocument, DecisionSignature)


def ensure_cases(*, cases: int, say: Callable[[str], None]) -> int:
    """Seed the demo world with `cases` generated cases, unless the database already holds that many."""
    have = Case.objects.count()
    if have >= cases:
        say(f"Database already seeded: {have} cases (>= {cases}); reusing it.")
    else:
        say(f"Seeding {cases - have} more cases (have {have})...")
        call_command("seed_demo", cases=cases - have, stdout=sys.stdout)
    say("VACUUM ANALYZE of the listed tables...")
    with connection.cursor() as cursor:
        for model in _TABLES:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return Case.objects.count()


def busiest_prosecutor() -> User:
    """The prosecutor with the fullest inbox (on the demo data: the republic's office, which sees every case)."""
    users = User.objects.filter(role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR], is_active=True).order_by("id")
    best = max(users, key=inbox_count, default=None)
    if best is None:
        raise RuntimeError("No active prosecutor in the database: run seed_demo first.")
    return best


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def count_queries(user: User, endpoint: Endpoint, token: str) -> int:
    """Queries of one request, served in this process through the benchmark's URLconf."""
    client = Client(HTTP_HOST=HOST)
    if endpoint.html:
        client.force_login(user)
        headers: dict[str, str] = {}
    else:
        headers = {"Authorization": f"Bearer {token}"}
    with override_settings(ROOT_URLCONF=BENCH_URLCONF), CaptureQueriesContext(connection) as captured:
        response = client.get(endpoint.path, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{endpoint.path} answered {response.status_code} in process")
    return len(captured)


class Server:
    """gunicorn serving approvals.bench.wsgi (the product + the floor endpoints), as production runs it."""

    def __init__(self, *, workers: int, port: int) -> None:
        self.port = port
        config = Path(settings.BASE_DIR) / "gunicorn.conf.py"
        env = {
            **os.environ,
            "ECASE_BENCH_BASE_SETTINGS": os.environ.get("DJANGO_SETTINGS_MODULE", "ecase.settings.local"),
            "WEB_CONCURRENCY": str(workers),
            # The database this process uses (under pytest: the test database, not DATABASE_URL's).
            "ECASE_BENCH_DB_NAME": str(connection.settings_dict["NAME"]),
        }
        self.log = open(os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "gunicorn", "approvals.bench.wsgi:application", "-c", str(config),
             "--bind", f"{HOST}:{port}", "--access-logfile", os.devnull, "--max-requests", "0"],
            cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, path: str, headers: dict[str, str], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                status, _body = fetch(HOST, self.port, path, headers, timeout=10)
                if status == 200:
                    return
                raise RuntimeError(f"{path} answered {status}")
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def run(
    *, workers: int, connections: int, seconds: float, warmup: float, rounds: int, say: Callable[[str], None]
) -> list[Row]:
    """Each endpoint in turn, `rounds` times (seconds / rounds each): interleaving keeps a change of the
    machine's load from favouring one side of a ratio."""
    user = busiest_prosecutor()
    token_row, token = token_issue(user=user, name="bench_lists")
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    say(f"User: {user.get_username()} ({user.organisation}); {workers} gunicorn workers, {connections} connections.")
    server = Server(workers=workers, port=free_port())
    api_headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    html_headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    results = {endpoint.label: LoadResult(label=endpoint.label, seconds=0.0) for endpoint in ENDPOINTS}
    try:
        server.wait_ready(ENDPOINTS[0].path, api_headers)
        queries = {endpoint.label: count_queries(user, endpoint, token) for endpoint in ENDPOINTS}
        for round_number in range(1, rounds + 1):
            say(f"Round {round_number}/{rounds}: {seconds / rounds:g} s per endpoint...")
            for endpoint in ENDPOINTS:
                headers = html_headers if endpoint.html else api_headers
                if warmup and round_number == 1:
                    drive(label=endpoint.label, host=HOST, port=server.port, path=endpoint.path, headers=headers,
                          connections=connections, seconds=warmup)  # fmt: skip
                part = drive(label=endpoint.label, host=HOST, port=server.port, path=endpoint.path,
                             headers=headers, connections=connections, seconds=seconds / rounds)  # fmt: skip
                if part.errors:
                    raise RuntimeError(f"{endpoint.path}: {part.errors} requests failed")
                total = results[endpoint.label]
                total.seconds += part.seconds
                total.latencies_ms.extend(part.latencies_ms)
                say(f"  {endpoint.label}: {part.rps:.1f} req/s")
    finally:
        server.stop()
        token_row.delete()
    return [Row(endpoint, results[endpoint.label], queries[endpoint.label]) for endpoint in ENDPOINTS]


def table(rows: list[Row]) -> str:
    """endpoint | req/s | p50 | p99 | queries | ratio (to its floor; the web page: its time over the API's)."""
    by_label = {row.endpoint.label: row for row in rows}
    lines = [f"{'endpoint':<20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} {'ratio':>14}"]
    for row in rows:
        ratio = ""
        other = by_label.get(row.endpoint.floor or "")
        if other is not None and row.endpoint.html:
            ratio = f"{row.result.percentile(50) / other.result.percentile(50):.2f}x time"
        elif other is not None:
            ratio = f"{row.result.rps / other.result.rps:.2f}x floor"
        lines.append(
            f"{row.endpoint.label:<20} {row.result.rps:>8.1f} {row.result.percentile(50):>8.1f} "
            f"{row.result.percentile(99):>8.1f} {row.queries:>8} {ratio:>14}"
        )
    return "\n".join(lines)
