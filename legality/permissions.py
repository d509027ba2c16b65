"""Named predicates of the legality app."""

from __future__ import annotations

from ecase.models import Case, User
from ecase.visibility import can_see_organisation

from .models import Finding


def can_handle_finding(user: User, finding: Finding) -> bool:
    """A prosecutor of the supervising office (or an office above it) acknowledges or closes a finding."""
    return bool(
        user.is_authenticated
        and user.is_prosecutor
        and finding.is_open
        and can_see_organisation(user, finding.case.supervising_office)
    )


def can_see_findings(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_prosecutor or user.is_investigator))


def can_record_finding(user: User, case: Case) -> bool:
    """A prosecutor of the supervising office (or an office above it) records a finding by hand."""
    return bool(user.is_authenticated and user.is_prosecutor and can_see_organisation(user, case.supervising_office))


def can_view_legality_stats(user: User) -> bool:
    """Prosecutors (their offices' figures) and auditors (counts only) see the legality statistics."""
    from ecase.choices import Role

    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or user.is_prosecutor or user.role == Role.AUDITOR)
