"""Reads of the legality app, through the case visibility of the rest of eCase."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When

from approvals.models import ProceduralDecision
from ecase.models import Case, User
from ecase.selectors import case_list_visible_to

from .choices import SEVERITY_RANK, FindingStatus
from .models import Finding


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
