"""Who may see statistics: senior prosecutors (own office subtree), auditors (own subtree), superusers."""

from __future__ import annotations

from ecase.choices import PROSECUTOR_OFFICE_KINDS, Role
from ecase.models import User


def can_view_statistics(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    org = user.organisation
    return (
        user.role in (Role.SENIOR_PROSECUTOR, Role.AUDITOR) and org is not None and org.kind in PROSECUTOR_OFFICE_KINDS
    )
