"""Reads of the case register. Every query of user data starts from a *_visible_to selector."""

from __future__ import annotations

from django.db.models import QuerySet

from ecase.choices import DetentionStatus
from ecase.models import (
    AuditEvent,
    Case,
    Detention,
    Document,
    InvestigativeAction,
    Participant,
    Rehabilitation,
    User,
)
from ecase.visibility import case_scope_q


def case_list_visible_to(*, user: User) -> QuerySet[Case]:
    """The cases the user may see, with what a case list shows (a constant number of queries per page)."""
    return Case.objects.filter(case_scope_q(user)).select_related(
        "investigation_body", "supervising_office", "investigator", "termination_ground", "suspension_ground"
    )


def case_get_visible(*, user: User, case_id: int) -> Case:
    """The case, or Case.DoesNotExist (a 404) if the user may not see it."""
    return case_list_visible_to(user=user).get(pk=case_id)


def participant_list(*, case: Case) -> QuerySet[Participant]:
    return case.participants.select_related("person", "added_by").order_by("role", "id")


def document_list(*, case: Case) -> QuerySet[Document]:
    return case.documents.select_related("uploaded_by").order_by("-uploaded_at", "-id")


def action_list(*, case: Case) -> QuerySet[InvestigativeAction]:
    return case.actions.select_related("performed_by").order_by("-performed_at", "-id")


def case_timeline(*, case: Case) -> QuerySet[AuditEvent]:
    """Every audit event that concerns the case (its own, its participants', documents', decisions'), in the
    order they occurred (events written later may describe earlier facts: bulk imports, backdated demo data);
    the chain's own order breaks ties."""
    return AuditEvent.objects.filter(case=case).select_related("actor").order_by("occurred_at", "seq")


def detention_list(*, case: Case) -> QuerySet[Detention]:
    return case.detentions.select_related("person", "recorded_by", "stopped_by", "protocol_document").order_by(
        "-detained_at", "-id"
    )


def detention_running_visible_to(*, user: User) -> QuerySet[Detention]:
    """Running detention clocks in the cases the user may see, the nearest end first (the inbox's section)."""
    return (
        Detention.objects.filter(
            status=DetentionStatus.RUNNING, case__in=case_list_visible_to(user=user).order_by().values("pk")
        )
        .select_related("person", "case")
        .order_by("ends_at", "id")
    )


def rehabilitation_list(*, case: Case) -> QuerySet[Rehabilitation]:
    return case.rehabilitations.select_related("person", "notice_document", "handed_over_by").order_by("id")
