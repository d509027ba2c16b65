"""The one place that answers "whose work may this user see".

Every list, detail, form and API of every app filters through these functions. Visibility follows the
organisation tree: an office sees its own and its sub-offices' work, never a sibling's; an investigation
body sees its own cases; a court sees the cases of the offices under the office it hangs from; a citizen
sees no case. Anything outside answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from ecase.choices import OrganisationKind, Role
from ecase.models import Organisation, User


def visible_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose work the user may see."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    org = user.organisation
    if org is None or user.role == Role.CITIZEN:
        return Organisation.objects.none()
    if org.kind == OrganisationKind.INVESTIGATION_BODY:
        return Organisation.objects.filter(pk=org.pk)
    if org.kind == OrganisationKind.COURT:
        # A court hears petitions from the investigation bodies supervised in its parent office's subtree.
        return (
            Organisation.objects.filter(path__startswith=org.parent.path) if org.parent else Organisation.objects.none()
        )
    return Organisation.objects.filter(path__startswith=org.path)


def office_scope_q(user: User, *, office_field: str, body_field: str | None = None) -> Q:
    """A filter for any model that records the supervising office (and optionally the investigation body).

    Apps use it for their own models: ``office_scope_q(user, office_field="case__supervising_office")``.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    org = user.organisation
    if org is None or user.role == Role.CITIZEN:
        return Q(pk__in=[])
    if org.kind == OrganisationKind.INVESTIGATION_BODY:
        if body_field is None:
            return Q(pk__in=[])
        return Q(**{body_field: org.pk})
    if org.kind == OrganisationKind.COURT:
        if org.parent is None:
            return Q(pk__in=[])
        return Q(**{f"{office_field}__in": _subtree_ids(org.parent.path)})
    return Q(**{f"{office_field}__in": _subtree_ids(org.path)})


def _subtree_ids(path: str) -> QuerySet[Organisation, Any]:
    """The ids of an office's subtree, as a subquery on the small organisation table: the filter compares the
    office id (indexed) instead of joining the office of every row to read its path (issue 14)."""
    return Organisation.objects.filter(path__startswith=path).values("pk")


def can_see_organisation(user: User, organisation: Organisation) -> bool:
    return visible_organisations(user).filter(pk=organisation.pk).exists()


# --- Least privilege by role (issue 16) ---------------------------------------------------------------------
# The auditor checks the audit trail, its verification and the statistics; no case contents at all.
# A judge sees only what was sent to his court: the decisions filed with it (never drafts) and their cases.
# Which cases those are is known to the app that holds decisions; it registers the filter here.

CourtCaseScope = Callable[[User], Q]
_court_case_scopes: list[CourtCaseScope] = []


def register_court_case_scope(scope: CourtCaseScope) -> None:
    if scope not in _court_case_scopes:
        _court_case_scopes.append(scope)


def sees_case_contents(user: User) -> bool:
    """False for the auditor: case files, participants, documents and decisions are not theirs to read."""
    return not (user.is_authenticated and not user.is_superuser and user.role == Role.AUDITOR)


def case_scope_q(user: User) -> Q:
    """The cases a user may open: the office tree for prosecutors and investigators, the cases with a
    decision filed with his court for a judge, none for an auditor or a citizen."""
    if not sees_case_contents(user):
        return Q(pk__in=[])
    if user.is_authenticated and not user.is_superuser and user.role == Role.JUDGE:
        scope = Q(pk__in=[])
        for court_scope in _court_case_scopes:
            scope |= court_scope(user)
        return scope
    return office_scope_q(user, office_field="supervising_office", body_field="investigation_body")
