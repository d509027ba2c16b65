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
from django.utils import timezone

from ecase.choices import CaseStatus, ParticipantRole, Role
from ecase.demo import SeedContext
from ecase.models import Case, Participant, Person, SuspensionGround, TerminationGround, User
from ecase.seed.data import FEMALE_FIRST, MALE_FIRST, SURNAMES, full_name
from ecase.seed.rows import AuditChain, insert_dicts, insert_rows, update_rows
from ecase.terms.engine import EndMemo, end_moment
from ecase.terms.selectors import term_rule

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


@dataclass(slots=True)
class _Case:
    """What the seeder needs of a generated case (read once, as plain values)."""

    pk: int
    registered_at: datetime
    term_expires_at: datetime
    status: str
    status_changed_at: datetime
    termination_ground_id: int | None
    suspended_at: datetime | None
    supervising_office_id: int
    qualification: str
    investigator: User


@dataclass(slots=True)
class _Row:
    """One decision to insert: its columns ({attname: value}), its reviewer, its audit events, and for an
    approved recognition of someone not yet in the register, the name of the person to add."""

    case: _Case
    columns: dict[str, Any]
    reviewer: User | None
    events: list[Event] = field(default_factory=list)
    new_person: str = ""


# Read in this order into _Case (the investigator by id, then from one query of users).
_CASE_FIELDS = (
    "pk",
    "registered_at",
    "term_expires_at",
    "status",
    "status_changed_at",
    "termination_ground_id",
    "suspended_at",
    "supervising_office_id",
    "qualification",
    "investigator_id",
)


class _Bulk:
    def __init__(self, ctx: SeedContext, case_ids: Sequence[int]) -> None:
        self.rng: random.Random = ctx.rng
        self.now = timezone.now()
        rows = list(Case.objects.filter(pk__in=case_ids).order_by("registered_at", "pk").values_list(*_CASE_FIELDS))
        users = User.objects.in_bulk({r[-1] for r in rows})
        self.cases = [
            _Case(pk, registered, term, status, changed, ground, suspended, office, qualification, users[inv])
            for pk, registered, term, status, changed, ground, suspended, office, qualification, inv in rows
        ]
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
        self.rehab_ids = {g.pk for g in self.rehab}
        self.suspension_grounds = list(SuspensionGround.objects.filter(is_active=True).order_by("pk"))
        self.rows: list[_Row] = []
        # The cases whose state the approved decisions change (status, ground, time of change, term).
        self.changed: dict[int, _Case] = {}
        self._due_memo = EndMemo()

    def _due(self, kind: str, submitted: datetime) -> datetime:
        """The prosecutor's deadline by the terms engine; a term in days depends only on the local day of
        submission, so it is computed once per (kind, day) for the whole batch."""
        return self._due_memo.end(kind_spec(kind).default_term, submitted)

    def _when(self, start: datetime, days: float) -> datetime:
        return min(start + timedelta(days=days), self.now - timedelta(minutes=5))

    def _decide(self, case: _Case, kind: str, submitted: datetime, *, reject: float, **columns: Any) -> _Row | None:
        """One decision submitted at `submitted`, then pending, approved or rejected (a share of them late)."""
        rng = self.rng
        reviewers = self.prosecutors.get(case.supervising_office_id)
        if not reviewers or submitted >= self.now:
            return None
        due_at = self._due(kind, submitted)
        late = rng.random() < P_LATE
        decided = submitted + (due_at - submitted) * (rng.uniform(1.05, 2.5) if late else rng.uniform(0.05, 0.95))
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
        # The status is written with the row (a protected FSM field is never moved afterwards): these are
        # decisions taken in the past, inserted in bulk.
        row = _Row(
            case,
            {
                "case_id": case.pk,
                "kind": str(kind),
                "status": str(status),
                "author_id": inv.pk,
                "created_at": submitted,
                "updated_at": decided_at or submitted,
                "submitted_at": submitted,
                "due_at": due_at,
                "decided_at": decided_at,
                "decided_by_id": reviewer.pk if reviewer else None,
                "rejection_reason": reason,
                **columns,
            },
            reviewer,
            events,
        )
        self.rows.append(row)
        return row

    @staticmethod
    def _approved(row: _Row | None) -> bool:
        return row is not None and row.columns["status"] == DecisionStatus.APPROVED

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
                if row is not None and self._approved(row):
                    row.columns["previous_term_expires_at"] = case.term_expires_at
                    case.term_expires_at = new_term
                    self.changed[case.pk] = case
            self._final(case, start, age_days)
        return self._write()

    def _suspect(self, case: _Case, start: datetime, age_days: float) -> None:
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
        if row is not None and name and self._approved(row):
            row.new_person = name

    def _final(self, case: _Case, start: datetime, age_days: float) -> None:
        """At most one decision that closes or suspends the case; the case status follows the approved one."""
        rng = self.rng
        if age_days < 10:
            return
        submitted = self._when(start, rng.uniform(5, min(120, age_days - 1)))
        roll = rng.random()
        ground_id: int | None = None
        if roll < P_TERMINATION:
            rehab = rng.random() < P_TERMINATION_REHAB
            ground = rng.choice(self.rehab if rehab and self.rehab else self.other)
            row = self._decide(
                case,
                DecisionKind.TERMINATION,
                submitted,
                reject=0.12,
                text=f"The case is to be terminated: {ground.title.lower()}.",
                termination_ground_id=ground.pk,
            )
            status, ground_id, case_action = CaseStatus.TERMINATED, ground.pk, "case.terminate"
        elif roll < P_TERMINATION + P_INDICTMENT * (1 - P_TERMINATION):
            row = self._decide(
                case, DecisionKind.INDICTMENT, submitted, reject=0.05, text="The investigation is complete."
            )
            status, case_action = CaseStatus.SENT_TO_COURT, "case.send_to_court"
        elif rng.random() < P_SUSPENSION:
            row = self._decide(
                case,
                DecisionKind.SUSPENSION,
                submitted,
                reject=0.1,
                text="The person to be charged is not identified; the investigation is suspended (CPC 45 p.7).",
                suspension_ground_id=rng.choice(self.suspension_grounds).pk if self.suspension_grounds else None,
            )
            status, case_action = CaseStatus.SUSPENDED, "case.suspend"
        else:
            return
        if row is None or not self._approved(row):
            return
        decided_at: datetime = row.columns["decided_at"]
        if status == CaseStatus.TERMINATED:
            # The ground as it is at the approval, fixed on the decision (approvals.effects.terminate_case).
            row.columns.update(ground_code=ground.code, ground_title=ground.title)
            row.columns["ground_rehabilitating"] = ground.is_rehabilitating
        row.events.append((decided_at, row.reviewer, case_action, case.status, status, ""))
        # The case as the approval left it (status_changed_at = the time of approval).
        case.status, case.termination_ground_id, case.status_changed_at = str(status), ground_id, decided_at
        if status == CaseStatus.SUSPENDED:
            case.suspended_at = decided_at
        self.changed[case.pk] = case

    def _write(self) -> int:
        """Insert the batch's rows in dependency order: new persons, the suspects the approved recognitions
        recorded, the decisions (already naming their suspect), then the cases' new state and the audit
        events. All or nothing (a savepoint inside the batch's transaction of ecase.seed.bulk.seed_bulk)."""
        if not self.rows:
            return 0
        with transaction.atomic():
            self._suspects()
            ids = insert_dicts(ProceduralDecision, [r.columns for r in self.rows])
            for row, pk in zip(self.rows, ids, strict=True):
                row.columns["id"] = pk
            self._update_cases()
            self._audit()
        return len(ids)

    def _suspects(self) -> None:
        """The suspects recorded by the approved recognitions (told within the 24 hours)."""
        approved = [r for r in self.rows if r.columns["kind"] == DecisionKind.SUSPECT_RECOGNITION and self._approved(r)]
        fresh = [r for r in approved if r.new_person]
        for row, pk in zip(fresh, insert_rows(Person, ("full_name",), [(r.new_person,) for r in fresh]), strict=True):
            row.columns["person_id"] = pk
        suspect = str(ParticipantRole.SUSPECT)
        participant_ids = insert_rows(
            Participant,
            ("case_id", "person_id", "role", "qualification", "added_at", "added_by_id"),
            [
                (
                    r.case.pk,
                    r.columns["person_id"],
                    suspect,
                    r.columns["qualification"],
                    r.columns["decided_at"],
                    r.columns["author_id"],
                )
                for r in approved
            ],
        )
        notice_term = term_rule("suspect_notice")
        for row, participant_id in zip(approved, participant_ids, strict=True):
            decided_at: datetime = row.columns["decided_at"]
            row.columns["suspect_participant_id"] = participant_id
            row.columns["suspect_notice_due_at"] = end_moment(notice_term, decided_at)
            row.columns["suspect_notified_at"] = decided_at + timedelta(hours=self.rng.uniform(1, 20))

    def _update_cases(self) -> None:
        """Seeder only: a case's status is a protected FSM field, moved one case at a time through
        case_apply_transition. Here the decisions were approved "in the past" and inserted in bulk, so the
        new state of their cases (known from the decisions just generated) is written directly, in one
        UPDATE ... FROM (VALUES ...) per chunk, consistent with the approved decision rows."""
        update_rows(
            Case,
            (
                "status",
                "termination_ground_id",
                "termination_rehabilitating",
                "status_changed_at",
                "suspended_at",
                "term_left_at_suspension",
                "term_expires_at",
            ),
            [
                (
                    c.pk,
                    c.status,
                    c.termination_ground_id,
                    c.termination_ground_id in self.rehab_ids if c.termination_ground_id else None,
                    c.status_changed_at,
                    c.suspended_at,
                    max(c.term_expires_at - c.suspended_at, timedelta(0)) if c.suspended_at else None,
                    c.term_expires_at,
                )
                for c in self.changed.values()
            ],
        )

    def _audit(self) -> None:
        """Hash-chained audit events for every decision (submission, decision, effect)."""
        chain = AuditChain()
        case_type = Case._meta.label_lower
        for row in self.rows:
            d = row.columns
            data = {"kind": d["kind"], "decision": d["id"]}
            for occurred_at, actor, action, from_state, to_state, reason in sorted(row.events, key=lambda e: e[0]):
                is_case = action.startswith("case.")
                chain.add(
                    occurred_at=occurred_at,
                    actor=actor,
                    action=action,
                    object_type=case_type if is_case else DECISION_OBJECT_TYPE,
                    object_id=d["case_id"] if is_case else d["id"],
                    case_id=d["case_id"],
                    from_state=from_state,
                    to_state=to_state,
                    reason=reason,
                    data=data,
                )
        chain.write()


def seed_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    _Bulk(ctx, case_ids).run()
