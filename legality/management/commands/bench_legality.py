"""Benchmark the nightly legality scan.

    python manage.py seed_demo --cases 100000      # first, if the database has few cases
    python manage.py bench_legality [--batch-size 500] [--nights 2]

Runs the scan to its end `--nights` times over every case it covers (the first night opens the findings,
later nights only refresh them) and prints a table per night: cases, batches, queries per batch (min and
max: the scan's promise is that they do not grow with the batch), seconds, cases per second, findings
opened and resolved. Reads and writes the configured database: run it on a copy, never on production.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legality import scan
from legality.models import ScanRun


class Command(BaseCommand):
    help = "Time the nightly legality scan over every open case; print a table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=scan.BATCH_SIZE)
        parser.add_argument("--nights", type=int, default=2, help="Full scans to run one after another.")

    def handle(self, *args: object, **options: int) -> None:
        rows = []
        for night in range(1, options["nights"] + 1):
            run = scan.scan_run_start()
            queries: list[int] = []
            started = time.perf_counter()
            while run.active:
                with CaptureQueriesContext(connection) as captured:
                    run = scan.scan_run_step(run_id=run.pk, batch_size=options["batch_size"])
                if run.active:
                    queries.append(len(captured.captured_queries))
            seconds = time.perf_counter() - started
            run = ScanRun.objects.get(pk=run.pk)
            rows.append(
                (
                    night,
                    run.processed,
                    run.batches,
                    min(queries, default=0),
                    max(queries, default=0),
                    round(seconds, 1),
                    round(run.processed / seconds) if seconds else 0,
                    run.opened,
                    run.resolved,
                )
            )
        head = ("night", "cases", "batches", "q/batch min", "q/batch max", "seconds", "cases/s", "opened", "resolved")
        widths = [max(len(str(v)) for v in col) for col in zip(head, *rows, strict=False)]
        for line in (head, *rows):
            self.stdout.write("  ".join(str(v).rjust(w) for v, w in zip(line, widths, strict=True)))
