"""Demo data for eCase: the organisation tree, the documented users, about forty cases, and every app's
registered demo seeder (`ecase.demo`). Used by `python manage.py seed_demo`."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from ecase.demo import SeedContext, seeders

from .bulk import seed_bulk
from .cases import seed_base_cases
from .data import PASSWORD
from .world import seed_organisations, seed_users

__all__ = ["PASSWORD", "seed_base", "seed_bulk"]


def seed_base(ctx: SeedContext) -> Counter[str]:
    """The small, realistic demo world. Idempotent: a second run adds nothing."""
    totals: Counter[str] = Counter()
    ctx.orgs.update(seed_organisations())
    ctx.users.update(seed_users(ctx.orgs))
    with transaction.atomic():
        totals["cases"] = seed_base_cases(ctx.users)
    for seeder in seeders():
        if seeder.base is not None:
            seeder.base(ctx)
            totals[f"seeder:{seeder.name}"] += 1
    return totals
