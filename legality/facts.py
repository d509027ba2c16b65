"""What the rules read: one case with its detentions, decisions (and their attachments and submission
fingerprints), participants, actions and rehabilitations, loaded for a whole batch of cases in a fixed
number of queries (the same for 1 case or 1,000)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from approvals.models import DecisionDocument, ProceduralDecision
from complaints.models import Complaint
from ecase.models import Case, Detention, InvestigativeAction, Participant, Rehabilitation

from .models import SubmissionFingerprint


@dataclass
class CaseFacts:
    case: Case
    decisions: list[ProceduralDecision]
    detentions: list[Detention]
    participants: list[Participant]
    actions: list[InvestigativeAction]
    rehabilitations: list[Rehabilitation]
    fingerprints: list[SubmissionFingerprint]
    complaints: list[Complaint]

    def attachments(self, decision: ProceduralDecision) -> list[DecisionDocument]:
        return list(decision.attachments.all())


def facts_load(case_ids: Iterable[int]) -> list[CaseFacts]:
    """The facts of these cases, in id order. Eleven queries whatever the number of cases."""
    cases = (
        Case.objects.filter(pk__in=list(case_ids))
        .select_related("suspension_ground", "termination_ground")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=ProceduralDecision.objects.order_by("created_at", "id").prefetch_related(
                    Prefetch("attachments", queryset=DecisionDocument.objects.select_related("document"))
                ),
            ),
            Prefetch("detentions", queryset=Detention.objects.select_related("person").order_by("detained_at", "id")),
            Prefetch("participants", queryset=Participant.objects.select_related("person").order_by("id")),
            Prefetch("actions", queryset=InvestigativeAction.objects.order_by("performed_at", "id")),
            Prefetch("rehabilitations", queryset=Rehabilitation.objects.order_by("id")),
            Prefetch("legality_fingerprints", queryset=SubmissionFingerprint.objects.order_by("submitted_at", "id")),
            Prefetch(
                "complaints",
                queryset=Complaint.objects.only(
                    "id", "case_id", "tracking_number", "status", "due_at", "answered_at", "explanation_id"
                ).order_by("id"),
            ),
        )
        .order_by("id")
    )
    return [
        CaseFacts(
            case=case,
            decisions=list(case.decisions.all()),
            detentions=list(case.detentions.all()),
            participants=list(case.participants.all()),
            actions=list(case.actions.all()),
            rehabilitations=list(case.rehabilitations.all()),
            fingerprints=list(case.legality_fingerprints.all()),  # type: ignore[attr-defined]
            complaints=list(case.complaints.all()),  # type: ignore[attr-defined]
        )
        for case in cases
    ]
