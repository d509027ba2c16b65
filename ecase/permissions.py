"""Named predicates for the register. Used by services, views, the API and templates alike."""

from __future__ import annotations

from ecase.choices import CaseStatus, OrganisationKind, Role
from ecase.models import Case, Organisation, User


def can_register_case(user: User, body: Organisation | None = None) -> bool:
    """Investigators register cases of their own investigation body only."""
    if not user.is_authenticated or user.role != Role.INVESTIGATOR or user.organisation is None:
        return False
    if user.organisation.kind != OrganisationKind.INVESTIGATION_BODY:
        return False
    return body is None or body.pk == user.organisation_id


def can_edit_case_materials(user: User, case: Case) -> bool:
    """Add participants, documents and investigative actions: investigators of the case's body, while open."""
    return (
        user.is_authenticated
        and user.role == Role.INVESTIGATOR
        and user.organisation_id == case.investigation_body_id
        and case.status in (CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED)
    )


def can_view_audit(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in (Role.AUDITOR, Role.SENIOR_PROSECUTOR))


def can_manage_detention(user: User, case: Case) -> bool:
    """Record a detention or a release: investigators of the case's body (a release whatever the case's state,
    since a detained person must never wait for the case)."""
    return (
        user.is_authenticated and user.role == Role.INVESTIGATOR and user.organisation_id == case.investigation_body_id
    )


def can_record_rehabilitation_handover(user: User, case: Case) -> bool:
    """Record that the notice of the right to compensation was handed over: the case's investigators."""
    return can_manage_detention(user, case)


STAFF_ROLES = frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.AUDITOR, Role.JUDGE})


def can_use_terms_calculator(user: User) -> bool:
    """The terms calculator is a staff tool (web page and API). Citizens are refused (403): their own
    complaint's due date is on its page, computed by the same engine."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role in STAFF_ROLES)


def can_verify_audit(user: User) -> bool:
    """The auditor's page: the verification runs, the checkpoints, exports of a case's trail with its proof."""
    return user.is_authenticated and (user.is_superuser or user.role == Role.AUDITOR)
