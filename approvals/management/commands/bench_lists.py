"""Benchmark the list APIs against their floor endpoints (issue 14).

    python manage.py bench_lists                      # 100,000 cases (seeded if missing), 10 connections
    python manage.py bench_lists --cases 2000 --seconds 3 --workers 2

Seeds the demo world up to --cases cases (reuses a database that already holds them), starts gunicorn with
the product API and the floor endpoints (approvals.bench), drives each endpoint with --connections concurrent
clients for --seconds, and prints: endpoint, req/s, p50, p99, queries per request, ratio to the floor (for
the web inbox page: its median time over the inbox API's).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from approvals.bench.run import ensure_cases, run, table


class Command(BaseCommand):
    help = "Requests per second of the inbox and case list APIs against floor endpoints, behind gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000, help="Cases the database must hold.")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
        parser.add_argument("--connections", type=int, default=10, help="Concurrent clients.")
        parser.add_argument("--seconds", type=float, default=15.0, help="Measured time per endpoint.")
        parser.add_argument("--warmup", type=float, default=2.0, help="Unmeasured time per endpoint first.")
        parser.add_argument("--rounds", type=int, default=3, help="Interleaved rounds over the endpoints.")

    def handle(
        self,
        *args: Any,
        cases: int,
        workers: int,
        connections: int,
        seconds: float,
        warmup: float,
        rounds: int,
        **options: Any,
    ) -> None:
        if min(workers, connections, rounds) < 1 or seconds <= 0 or warmup < 0 or cases < 0:
            raise CommandError(
                "--workers, --connections and --rounds must be >= 1, --seconds > 0, --warmup and --cases >= 0"
            )
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The benchmark needs PostgreSQL: set DATABASE_URL.")

        def say(message: str) -> None:
            self.stdout.write(message)
            self.stdout.flush()

        total = ensure_cases(cases=cases, say=say)
        say(f"{total} cases. Starting gunicorn...")
        try:
            rows = run(workers=workers, connections=connections, seconds=seconds, warmup=warmup, rounds=rounds, say=say)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(table(rows))
