"""Bulk demo decisions for the cases `seed_demo --cases N` generates (registered in ApprovalsConfig.ready()).

About 30% of cases get a termination decision (most approved, a quarter of those on rehabilitating grounds,
some rejected); suspect recognitions (a share rejected: "people exempted from prosecution by the
prosecutor's filter"), term extensions, suspensions and indictments, with realistic timings (some decided
late, a few still pending). The cases' statuses follow the approved decisions, and every decision has its
hash-chained audit events.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ecase.choices import CaseStatus, ParticipantRole, Role
from ecase.demo import SeedContext
from ecase.models import AuditChainHead, AuditEvent, Case, Participant, Person, TerminationGround, User
from ecase.seed.data import FEMALE_FIRST, MALE_FIRST, SURNAMES, full_name

from .choices import DecisionKind, DecisionStatus
from .kinds import kind_spec
from .models import ProceduralDecision
from .selectors import DECISION_OBJECT_TYPE

# Shares of generated cases (see the module docstring).
P_SUSPECT = 0.45
P_SUSPECT_REJECTED = 0.15
P_EXTENSION = 0.15
P_TERMINATION = 0.30
P_TERMINATION_REHAB = 0.25
P_INDICTMENT = 0.40
P_SUSPENSION = 0.15
P_PENDING_RECENT = 0.5  # of decisions submitted in the last PENDING_WINDOW: still with the prosecutor
PENDING_WINDOW = timedelta(days=10)
P_LATE = 0.12

REJECTION_REASONS = (
    "The evidence does not support the conclusion; the decision is unfounded.",
    "The person's involvement is not established; no grounds to recognise them as a suspect.",
    "Not all investigative actions required by law were performed.",
    "The ground of termination does not follow from the materials of the case.",
    "The decision contradicts the qualification of the act.",
)

Event = tuple[datetime, User | None, str, str, str, str]  # when, actor, action, from, to, reason


@dataclass
class _Row:
    decision: ProceduralDecision
    events: list[Event] = field(default_factory=list)
    new_person: Person | None = None


class _Bulk:
    def __init__(self, ctx: SeedContext, case_ids: Sequence[int]) -> None:
        self.rng: random.Random = ctx.rng
        self.now = timezone.now()
        self.cases = list(
            Case.objects.filter(pk__in=case_ids).select_related("investigator").order_by("registered_at", "pk")
        )
        offices = {c.supervising_office_id for c in self.cases}
        self.prosecutors: dict[int, list[User]] = defaultdict(list)
        for user in User.objects.filter(
            organisation_id__in=offices, role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR], is_active=True
        ).order_by("id"):
            self.prosecutors[user.organisation_id].append(user)  # type: ignore[index]
        self.witnesses = dict(
            Participant.objects.filter(case_id__in=case_ids, role=ParticipantRole.WITNESS).values_list(
                "case_id", "person_id"
            )
        )
        grounds = list(TerminationGround.objects.all())
        self.rehab = [g for g in grounds if g.is_rehabilitating]
        self.other = [g for g in grounds if not g.is_rehabilitating]
        self.rows: list[_Row] = []
        self.status: dict[int, tuple[str, int | None]] = {}
        self.terms: dict[int, datetime] = {}

    def _when(self, start: datetime, days: float) -> datetime:
        return min(start + timedelta(days=days), self.now - timedelta(minutes=5))

    def _decide(self, case: Case, kind: str, submitted: datetime, *, reject: float, **fields: Any) -> _Row | None:
        """One decision submitted at `submitted`, then pending, approved or rejected (a share of them late)."""
        rng = self.rng
        reviewers = self.prosecutors.get(case.supervising_office_id)
        if not reviewers or submitted >= self.now:
            return None
        term = kind_spec(kind).default_term
        late = rng.random() < P_LATE
        decided = submitted + term * (rng.uniform(1.05, 2.5) if late else rng.uniform(0.05, 0.95))
        inv = case.investigator
        events: list[Event] = [(submitted, inv, "decision.submitted", DecisionStatus.DRAFT, DecisionStatus.PENDING, "")]
        recent = self.now - submitted < PENDING_WINDOW
        if decided >= self.now or (recent and rng.random() < P_PENDING_RECENT):
            status, reviewer, decided_at, reason = DecisionStatus.PENDING, None, None, ""
        else:
            rejected = rng.random() < reject
            status = DecisionStatus.REJECTED if rejected else DecisionStatus.APPROVED
            reviewer, decided_at = rng.choice(reviewers), decided
            reason = rng.choice(REJECTION_REASONS) if rejected else ""
            events.append((decided, reviewer, f"decision.{status}", DecisionStatus.PENDING, status, reason))
        # The status is given when the row is built (a protected FSM field may be set only then): these are
        # decisions taken in the past, inserted in bulk.
        decision = ProceduralDecision(
            case=case,
            kind=kind,
            status=status,
            author=inv,
            created_at=submitted,
            updated_at=decided_at or submitted,
            submitted_at=submitted,
            due_at=submitted + term,
            decided_at=decided_at,
            decided_by=reviewer,
            rejection_reason=reason,
            **fields,
        )
        row = _Row(decision, events)
        self.rows.append(row)
        return row

    def run(self) -> int:
        rng = self.rng
        for case in self.cases:
            start = case.registered_at
            age_days = (self.now - start).total_seconds() / 86400
            if age_days < 2:
                continue
            if rng.random() < P_SUSPECT:
                self._suspect(case, start, age_days)
            if age_days > 50 and rng.random() < P_EXTENSION:
                new_term = case.term_expires_at + timedelta(days=30)
                row = self._decide(
                    case,
                    DecisionKind.TERM_EXTENSION,
                    self._when(case.term_expires_at - timedelta(days=6), 0),
                    reject=0.1,
                    text="Expert examinations are still under way; the term must be extended by one month.",
                    new_term_expires_at=new_term,
                )
                if row is not None and row.decision.status == DecisionStatus.APPROVED:
                    row.decision.previous_term_expires_at = case.term_expires_at
                    self.terms[case.pk] = new_term
            self._final(case, start, age_days)
        return self._write()

    def _suspect(self, case: Case, start: datetime, age_days: float) -> None:
        rng = self.rng
        person_id = self.witnesses.get(case.pk)
        name = ""
        if person_id is None:
            male = rng.random() < 0.7
            name = full_name(rng.choice(SURNAMES), rng.choice(MALE_FIRST if male else FEMALE_FIRST), male=male)
        row = self._decide(
            case,
            DecisionKind.SUSPECT_RECOGNITION,
            self._when(start, rng.uniform(1, min(20, age_days - 1))),
            reject=P_SUSPECT_REJECTED,
            text="The evidence gathered gives grounds to recognise the person as a suspect.",
            qualification=case.qualification,
            person_id=person_id,
            person_full_name=name,
        )
        if row is not None and name and row.decision.status == DecisionStatus.APPROVED:
            row.new_person = Person(full_name=name)

    def _final(self, case: Case, start: datetime, age_days: float) -> None:
        """At most one decision that closes or suspends the case; the case status follows the approved one."""
        rng = self.rng
        if age_days < 10:
            return
        submitted = self._when(start, rng.uniform(5, min(120, age_days - 1)))
        roll = rng.random()
        if roll < P_TERMINATION:
            rehab = rng.random() < P_TERMINATION_REHAB
            ground = rng.choice(self.rehab if rehab and self.rehab else self.other)
            row = self._decide(
                case,
                DecisionKind.TERMINATION,
                submitted,
                reject=0.12,
                text=f"The case is to be terminated: {ground.title.lower()}.",
                termination_ground=ground,
            )
            outcome: tuple[str, int | None] = (CaseStatus.TERMINATED, ground.pk)
            case_action = "case.terminate"
        elif roll < P_TERMINATION + P_INDICTMENT * (1 - P_TERMINATION):
            row = self._decide(
                case, DecisionKind.INDICTMENT, submitted, reject=0.05, text="The investigation is complete."
            )
            outcome, case_action = (CaseStatus.SENT_TO_COURT, None), "case.send_to_court"
        elif rng.random() < P_SUSPENSION:
            row = self._decide(
                case,
                DecisionKind.SUSPENSION,
                submitted,
                reject=0.1,
                text="The person to be charged is not identified; the investigation is suspended (CPC 45 p.7).",
            )
            outcome, case_action = (CaseStatus.SUSPENDED, None), "case.suspend"
        else:
            return
        if row is not None and row.decision.status == DecisionStatus.APPROVED:
            self.status[case.pk] = outcome
            d = row.decision
            row.events.append((d.decided_at, d.decided_by, case_action, CaseStatus.INVESTIGATING, outcome[0], ""))  # type: ignore[arg-type]

    def _write(self) -> int:
        if not self.rows:
            return 0
        with transaction.atomic():
            fresh = [r for r in self.rows if r.new_person is not None]
            for row, person in zip(fresh, Person.objects.bulk_create([r.new_person for r in fresh]), strict=True):  # type: ignore[misc]
                row.decision.person = person
            decisions = ProceduralDecision.objects.bulk_create([r.decision for r in self.rows], batch_size=2000)
            self._suspects(decisions)
            self._update_cases()
            self._audit()
        return len(decisions)

    def _suspects(self, decisions: list[ProceduralDecision]) -> None:
        """The suspects recorded by the approved recognitions (told within the 24 hours)."""
        approved = [
            d for d in decisions if d.kind == DecisionKind.SUSPECT_RECOGNITION and d.status == DecisionStatus.APPROVED
        ]
        participants = Participant.objects.bulk_create(
            [
                Participant(
                    case_id=d.case_id,
                    person_id=d.person_id,  # type: ignore[misc]  # an approved recognition names its person
                    role=ParticipantRole.SUSPECT,
                    qualification=d.qualification,
                    added_at=d.decided_at,  # type: ignore[misc]
                    added_by_id=d.author_id,
                )
                for d in approved
            ],
            batch_size=2000,
        )
        for decision, participant in zip(approved, participants, strict=True):
            assert decision.decided_at is not None  # noqa: S101 - approved
            decision.suspect_participant = participant
            decision.suspect_notice_due_at = decision.decided_at + timedelta(hours=24)
            decision.suspect_notified_at = decision.decided_at + timedelta(hours=self.rng.uniform(1, 20))
        ProceduralDecision.objects.bulk_update(
            approved, ["suspect_participant", "suspect_notice_due_at", "suspect_notified_at"], batch_size=1000
        )

    def _update_cases(self) -> None:
        """Seeder only: a case's status is a protected FSM field, moved one case at a time through
        case_apply_transition. Here the decisions were approved "in the past" and inserted in bulk, so the
        status of their cases is written directly with QuerySet.update, grouped by outcome, consistent with
        the approved decision rows just inserted (status_changed_at = the time of approval)."""
        groups: dict[tuple[str, int | None], list[int]] = defaultdict(list)
        for case_id, outcome in self.status.items():
            groups[outcome].append(case_id)
        kind_of: dict[str, str] = {
            CaseStatus.TERMINATED: DecisionKind.TERMINATION,
            CaseStatus.SENT_TO_COURT: DecisionKind.INDICTMENT,
            CaseStatus.SUSPENDED: DecisionKind.SUSPENSION,
        }
        for (status, ground_id), ids in groups.items():
            approved_at = Subquery(
                ProceduralDecision.objects.filter(
                    case=OuterRef("pk"), kind=kind_of[status], status=DecisionStatus.APPROVED
                )
                .order_by("-decided_at")
                .values("decided_at")[:1]
            )
            extra: dict[str, Any] = {"suspended_at": approved_at} if status == CaseStatus.SUSPENDED else {}
            for start in range(0, len(ids), 500):
                Case.objects.filter(pk__in=ids[start : start + 500]).update(
                    status=status, termination_ground_id=ground_id, status_changed_at=approved_at, **extra
                )
        # The investigation term is not a protected field: the approved extensions move it.
        Case.objects.bulk_update(
            [Case(pk=pk, term_expires_at=term) for pk, term in self.terms.items()], ["term_expires_at"], batch_size=500
        )

    def _audit(self) -> None:
        """Hash-chained audit events for every decision (submission, decision, effect), appended under the
        chain-head lock as audit_record does, so `verify_audit` passes."""
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev_hash = head.last_seq, head.last_hash
        events = []
        for row in self.rows:
            d = row.decision
            for occurred_at, actor, action, from_state, to_state, reason in sorted(row.events, key=lambda e: e[0]):
                seq += 1
                is_case = action.startswith("case.")
                event = AuditEvent(
                    seq=seq,
                    occurred_at=occurred_at,
                    actor=actor,
                    actor_name=(actor.get_full_name() or actor.get_username()) if actor else "system",
                    action=action,
                    object_type=Case._meta.label_lower if is_case else DECISION_OBJECT_TYPE,
                    object_id=str(d.case_id if is_case else d.pk),
                    case_id=d.case_id,
                    from_state=from_state,
                    to_state=to_state,
                    reason=reason,
                    data={"kind": d.kind, "decision": d.pk},
                    prev_hash=prev_hash,
                )
                event.hash = prev_hash = event.compute_hash()
                events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=2000)
        AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev_hash)


def seed_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    _Bulk(ctx, case_ids).run()
