"""Decisions in any state, made through the real services (no raw ORM writes that skip the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from approvals import services
from approvals.choices import DecisionKind, DecisionStatus, PreventiveMeasure
from approvals.content import DecisionContent
from approvals.models import ProceduralDecision
from ecase.choices import ActionKind
from ecase.models import Case, User
from ecase.services.cases import action_record, participant_add

TEXT = "The materials of the case give grounds for this decision."


@dataclass
class DecisionMaker:
    world: Any
    make_case: Any

    @property
    def author(self) -> User:
        return self.world.investigator_a

    @property
    def prosecutor(self) -> User:
        return self.world.prosecutor_a1

    def suspect(self, case: Case) -> int:
        """Make a suspect in the case (an approved recognition) and return the participant id."""
        decision = self.make(DecisionKind.SUSPECT_RECOGNITION, "approved", case=case)
        return decision.suspect_participant_id  # type: ignore[return-value]

    def content(self, kind: str, case: Case, **overrides: Any) -> DecisionContent:
        fields: dict[str, Any] = {}
        if kind == DecisionKind.TERMINATION:
            fields = {"termination_ground": "35-1-2"}
        elif kind == DecisionKind.SUSPECT_RECOGNITION:
            fields = {"person_full_name": "Suspect Serik", "qualification": "188 p.2"}
        elif kind == DecisionKind.SUSPENSION:
            fields = {"suspension_ground": "45-7-1"}
        elif kind == DecisionKind.QUALIFICATION_CHANGE:
            fields = {"qualification": "190 p.1"}
        elif kind == DecisionKind.TERM_EXTENSION:
            fields = {"new_term_expires_at": case.term_expires_at + timedelta(days=30)}
        elif kind == DecisionKind.PREVENTIVE_MEASURE:
            fields = {
                "participant": self.suspect(case),
                "measure": PreventiveMeasure.CUSTODY,
                "measure_until": timezone.localdate() + timedelta(days=40),
                "detained_at": timezone.now() - timedelta(hours=3),
            }
        elif kind == DecisionKind.MERGER:
            fields = {"main_case": self.make_case(investigator=self.author).pk}
        fields.update(overrides)
        return DecisionContent(text=TEXT, **fields)

    def prepare_case(self, kind: str, case: Case | None) -> Case:
        case = case or self.make_case(investigator=self.author)
        if kind == DecisionKind.RESUMPTION:
            self.make(DecisionKind.SUSPENSION, "approved", case=case)
        elif kind == DecisionKind.TERMINATION_CANCELLATION:
            self.make(DecisionKind.TERMINATION, "approved", case=case)
        case.refresh_from_db()
        return case

    def make(
        self, kind: str, state: str = "draft", *, case: Case | None = None, **overrides: Any
    ) -> ProceduralDecision:
        """A decision of `kind` in `state` (any reachable state), the author investigator_a (or prosecutor_a1
        for the prosecutor-issued kind), decided by prosecutor_a1, ruled on by judge_a."""
        case = self.prepare_case(kind, case)
        if kind == DecisionKind.URGENT_ACTION_NOTICE:
            action = action_record(
                case_id=case.pk,
                actor=self.author,
                kind=ActionKind.SEARCH,
                performed_at=timezone.now() - timedelta(hours=1),
                description="Urgent search of the suspect's flat.",
            )
            decision = ProceduralDecision.objects.get(action=action)
            assert decision.status == DecisionStatus.PENDING
            return self._advance_pending(decision, state)
        author = self.prosecutor if kind == DecisionKind.TERMINATION_CANCELLATION else self.author
        decision = services.decision_create(
            actor=author, case_id=case.pk, kind=kind, content=self.content(kind, case, **overrides)
        )
        if state == "draft":
            return decision
        if state == "withdrawn":
            return services.decision_withdraw(decision_id=decision.pk, actor=author)
        if kind == DecisionKind.TERMINATION_CANCELLATION:
            assert state == "approved", state
            return services.decision_issue(decision_id=decision.pk, actor=author)
        decision = services.decision_submit(decision_id=decision.pk, actor=author)
        return self._advance_pending(decision, state)

    def _advance_pending(self, decision: ProceduralDecision, state: str) -> ProceduralDecision:
        pk, reviewer = decision.pk, self.prosecutor
        if state == "pending":
            return decision
        if state == "returned":
            return services.decision_return(decision_id=pk, actor=reviewer, remarks="Fix the reasoning.")
        if state == "rejected":
            return services.decision_reject(decision_id=pk, actor=reviewer, reason="Unfounded.")
        decision = services.decision_approve(decision_id=pk, actor=reviewer)
        if state in ("approved", "court_pending"):
            assert decision.status == state, (decision.status, state)
            return decision
        outcome = "sanctioned" if state == "sanctioned" else "denied"
        return services.decision_record_court_outcome(
            decision_id=pk, actor=self.world.judge_a, outcome=outcome, reason="The court's reasons."
        )


def add_witness(case: Case, actor: User, name: str = "Witness Aliya") -> int:
    return participant_add(case_id=case.pk, actor=actor, role="witness", full_name=name).pk
