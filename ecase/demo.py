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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.management.base import OutputWrapper
from django.utils import timezone

_REAL_NOW = timezone.now


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


@contextmanager
def demo_clock(at: datetime) -> Iterator[None]:
    """Demo seeding only: inside, ``timezone.now()`` answers `at`, and so do the model fields whose default is
    ``timezone.now``. The small demo world tells a story that happened over the past months; run through the
    services under this clock, each step gets its dates *and* its audit event at the moment of the story
    (issue 14: no case "registered" in August whose timeline says today, no decision drafted after it was
    submitted). The audit event's ``recorded_at`` stays the database's clock, so the chain verifies as usual.
    Seeding is single-threaded (a management command); never use this in a request or a task."""
    if at > _REAL_NOW():
        raise ValueError("The demo clock never runs ahead of the real one.")
    fields = [f for model in apps.get_models() for f in model._meta.concrete_fields if f.default in (_REAL_NOW, _fixed)]
    saved = [(f, f.default) for f in fields]
    previous = _clock[0]
    _clock[0] = at
    timezone.now = _fixed  # type: ignore[assignment]
    for f in fields:
        f.default = _fixed
        f.__dict__.pop("_get_default", None)  # Field caches its default callable
    try:
        yield
    finally:
        _clock[0] = previous
        if previous is None:
            timezone.now = _REAL_NOW
        for f, default in saved:
            f.default = default
            f.__dict__.pop("_get_default", None)


_clock: list[datetime | None] = [None]


def _fixed() -> datetime:
    at = _clock[0]
    return _REAL_NOW() if at is None else at
