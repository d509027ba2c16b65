"""Small helpers the rules share (pure: no queries)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from approvals.choices import DecisionStatus

# A decision that has legal force (approved, or sanctioned by the court).
IN_FORCE = frozenset({DecisionStatus.APPROVED, DecisionStatus.SANCTIONED})


def iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def hours(delta_seconds: float) -> float:
    return round(delta_seconds / 3600, 1)
