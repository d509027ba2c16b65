"""Benchmark the audit trail at scale: append N events with the bulk writer, link them, checkpoint, verify.

    python manage.py bench_audit --events 1000000

Prints a table of seconds per step (write, link, checkpoint, verify) and events per second. The events are
real audit events (action "bench.event" on the first user), so they stay in the trail: use a scratch database.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from ecase.audit.checkpoints import audit_checkpoint_write
from ecase.audit.linker import audit_link
from ecase.audit.verify import audit_verify
from ecase.models import User
from ecase.seed.rows import AuditChain

BATCH = 50_000


class Command(BaseCommand):
    help = "Append N audit events in bulk, link, checkpoint and verify them; print the seconds of each step."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=1_000_000)

    def handle(self, *args: Any, events: int, **options: Any) -> None:
        actor = User.objects.order_by("pk").first()
        if actor is None:
            raise CommandError("No user: run `manage.py seed_demo` first.")
        audit_link()
        audit_checkpoint_write()
        steps: list[tuple[str, float, int]] = []
        started = time.perf_counter()
        now = timezone.now()
        for start in range(0, events, BATCH):
            with transaction.atomic():
                chain = AuditChain()
                for n in range(start, min(start + BATCH, events)):
                    chain.add(
                        occurred_at=now,
                        actor=actor,
                        action="bench.event",
                        object_type="ecase.user",
                        object_id=actor.pk,
                        case_id=None,
                        data={"n": n},
                    )
                chain.write()
        steps.append(("write (bulk writer)", time.perf_counter() - started, events))
        for name, step in (("link", audit_link), ("checkpoint", audit_checkpoint_write)):
            started = time.perf_counter()
            step()
            steps.append((name, time.perf_counter() - started, events))
        started = time.perf_counter()
        report = audit_verify()
        steps.append(("verify (whole trail)", time.perf_counter() - started, report.events_checked))
        self.stdout.write(f"{'step':<22} {'seconds':>9} {'events':>10} {'events/s':>10}")
        for name, seconds, count in steps:
            self.stdout.write(f"{name:<22} {seconds:>9.1f} {count:>10} {count / max(seconds, 1e-9):>10.0f}")
        if not report.ok:
            raise CommandError(f"verification failed: {next(iter(report.failures.values())).message}")
