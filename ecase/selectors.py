"""Reads of the case register. Every query of user data starts from a *_visible_to selector."""

from __future__ import annotations

from django.db.models import QuerySet

from ecase.models import AuditEvent, Case, Document, InvestigativeAction, Participant, User
from ecase.visibility import case_scope_q


def case_list_visible_to(*, user: User) -> QuerySet[Case]:
    return Case.objects.filter(case_scope_q(user)).select_related(
        "investigation_body", "supervising_office", "investigator", "termination_ground"
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
    """Every audit event that concerns the case (its own, its participants', documents', decisions')."""
    return AuditEvent.objects.filter(case=case).select_related("actor").order_by("seq")
