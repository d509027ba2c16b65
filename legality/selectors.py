"""Reads of the legality app, through the case visibility of the rest of eCase."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from approvals.models import ProceduralDecision
from ecase.choices import PROSECUTOR_OFFICE_KINDS
from ecase.models import Case, Organisation, User
from ecase.selectors import case_list_visible_to
from ecase.visibility import visible_organisations
from stats.period import Scope, scope_of

from .choices import SEVERITY_RANK, FindingStatus
from .models import Finding
from .permissions import can_view_legality_stats


def finding_list_visible_to(*, user: User) -> QuerySet[Finding]:
    """Findings of the cases the user may see, most severe and oldest first."""
    rank = When_(*[When(severity=s, then=Value(r)) for s, r in SEVERITY_RANK.items()], output_field=IntegerField())
    return (
        Finding.objects.filter(case__in=case_list_visible_to(user=user))
        .select_related("case", "case__supervising_office", "decision")
        .annotate(severity_rank=rank)
        .order_by("severity_rank", "first_seen", "id")
    )


def finding_get_visible(*, user: User, finding_id: int) -> Finding:
    return finding_list_visible_to(user=user).get(pk=finding_id)


def findings_open_for_case(*, user: User, case: Case) -> QuerySet[Finding]:
    return finding_list_visible_to(user=user).filter(case=case, status=FindingStatus.OPEN)


def findings_open_for_decision(*, user: User, decision: ProceduralDecision) -> QuerySet[Finding]:
    return finding_list_visible_to(user=user).filter(decision=decision, status=FindingStatus.OPEN)


def open_count(user: User) -> int:
    """The queue's badge: open findings of the cases the user sees."""
    return finding_list_visible_to(user=user).filter(status=FindingStatus.OPEN).count()


def legality_stats_offices_visible_to(*, user: User) -> QuerySet[Organisation]:
    """The prosecutor's offices whose legality statistics the user may ask for: his own and those below."""
    if not can_view_legality_stats(user):
        return Organisation.objects.none()
    return visible_organisations(user).filter(kind__in=PROSECUTOR_OFFICE_KINDS).order_by("path")


def legality_stats_scope_for(*, user: User, office_id: int | None = None, include_subtree: bool = True) -> Scope:
    """The scope of a statistics request: 403 for who may not see them, 404 for an office not his. Without an
    office: the user's own (a superuser without one: every office)."""
    if not can_view_legality_stats(user):
        raise PermissionDenied(_("The legality statistics are for prosecutors and auditors."))
    if office_id is None:
        if user.organisation_id is None:
            return scope_of(None)
        office_id = user.organisation_id
    office = legality_stats_offices_visible_to(user=user).filter(pk=office_id).first()
    if office is None:
        raise Http404(_("No such office."))
    return scope_of(office, include_subtree=include_subtree)
