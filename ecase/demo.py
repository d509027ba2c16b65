"""A registry of demo-data seeders, so `seed_demo` (in ecase) can fill every app without importing it.

Apps register in AppConfig.ready():

    from ecase import demo
    demo.register(demo.Seeder(name="approvals", order=20, base=seed_base, bulk=seed_bulk))

- ``base(ctx)`` adds the app's part of the small, realistic demo world. It must be idempotent (running
  seed_demo twice adds nothing the second time). It should go through the app's services.
- ``bulk(ctx, case_ids)`` adds the app's rows for the cases just generated in bulk by ``--cases N``
  (decisions, complaints, ... with realistic outcomes) with bulk inserts, for benchmarks of 100,000+
  cases. It may bypass services for speed but must write consistent rows (audit events included where
  the statistics read them).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import OutputWrapper


@dataclass
class SeedContext:
    """What seeders share: the random generator, output, and the demo organisations and users by key."""

    rng: random.Random
    stdout: OutputWrapper | Any
    orgs: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    progress: bool = True
    # What a seeder keeps from one batch to the next within a run (memoised lookups), by a key it names.
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Seeder:
    name: str
    order: int
    base: Callable[[SeedContext], None] | None = None
    bulk: Callable[[SeedContext, Sequence[int]], None] | None = None


_seeders: dict[str, Seeder] = {}


def register(seeder: Seeder) -> None:
    _seeders[seeder.name] = seeder


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: s.order)
