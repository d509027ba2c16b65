"""Bulk demo data for the statistics: investigative actions, some restricting rights, with reviews."""

from __future__ import annotations

from collections.abc import Sequence

from ecase.demo import SeedContext


def seed_actions_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    return None
