"""Fill the database with demo data.

    python manage.py seed_demo                 # organisations, users, ~40 cases, every app's demo data
    python manage.py seed_demo --cases 100000  # plus 100,000 generated cases for benchmarks

Idempotent: running it twice changes nothing the second time (``--cases N`` always adds N more).
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecase.audit.checkpoints import CheckpointRefused, audit_checkpoint_write
from ecase.audit.linker import audit_link
from ecase.demo import SeedContext
from ecase.models import Case
from ecase.seed import PASSWORD, seed_base, seed_bulk


class Command(BaseCommand):
    help = "Create the demo organisations, users and cases (idempotent); --cases N adds N generated cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=0, help="Generate this many more cases in bulk.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the random generator (deterministic).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per bulk insert batch.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")
        parser.add_argument(
            "--force", action="store_true", help="Run even where DEMO_DATA_ALLOWED is off (production settings)."
        )

    def handle(
        self, *args: Any, cases: int, seed: int, batch_size: int, no_progress: bool, force: bool = False, **options: Any
    ) -> None:
        if not settings.DEMO_DATA_ALLOWED and not force:
            raise CommandError(
                "Refusing to seed demo users with a known password under these settings (DEMO_DATA_ALLOWED is off). "
                "Use --force only on a machine that is not production."
            )
        if cases < 0 or batch_size < 1:
            raise CommandError("--cases must be >= 0 and --batch-size >= 1")
        started = time.monotonic()
        ctx = SeedContext(rng=random.Random(seed), stdout=self.stdout, progress=not no_progress)
        before = Case.objects.count()
        seed_base(ctx)
        self.stdout.write(
            f"Demo world: {len(ctx.orgs)} organisations, {len(ctx.users)} users, "
            f"{Case.objects.count() - before} new base cases. Password for every demo user: {PASSWORD}"
        )
        if cases:
            added, seconds = seed_bulk(ctx, count=cases, batch_size=batch_size)
            parts = ", ".join(f"{name} {spent:.1f} s" for name, spent in seconds.items())
            self.stdout.write(f"Generated {added} cases in bulk ({parts}).")
        sys.stderr.flush()
        # Chain the new events now and anchor them, so verify_audit passes right after seeding.
        linked = audit_link()
        try:
            checkpoint = audit_checkpoint_write()
        except CheckpointRefused as error:
            raise CommandError(f"The audit trail does not match its last checkpoint: {error}") from error
        self.stdout.write(f"Audit trail: {linked} events linked, checkpoint {checkpoint.name}.")
        self.stdout.write(
            self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s; {Case.objects.count()} cases in total.")
        )
