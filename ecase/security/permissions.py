"""Named predicates of the security package."""

from __future__ import annotations

from typing import Any

from ecase.choices import Role

SECOND_FACTOR_ROLES = frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.AUDITOR, Role.JUDGE})


def needs_second_factor(user: Any) -> bool:
    """Staff roles, Django staff and superusers; never citizens, never API service accounts."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_service_account", False):
        return False
    return bool(user.is_superuser or user.is_staff or user.role in SECOND_FACTOR_ROLES)
