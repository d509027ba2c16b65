"""Bulk demo data for the statistics: investigative actions for the generated cases, about a third of
them rights-restricting, with realistic supervision states, and the urgent-action notices the
prosecutor reviewed (or has yet to review) for those performed without an approved basis.

Registered as a bulk seeder in StatsConfig.ready(); ``seed_demo --cases N`` calls it per batch of new
cases, after the approvals and complaints seeders. If another seeder already recorded actions for the
batch, it adds nothing. Rows go in with COPY (`ecase.seed.rows`), consistent with what the services would have
written: an action awaiting review has a pending notice, a lawful one an approved notice, an unlawful one
a rejected notice (one notice per action, as approvals' constraint demands). Every row gets its audit
events, hash-chained under the chain-head lock exactly as ``audit_record`` would, so ``verify_audit``
passes.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from approvals.choices import DecisionKind, DecisionStatus
from approvals.kinds import kind_spec
from approvals.models import ProceduralDecision
from ecase.choices import RIGHTS_RESTRICTING_ACTIONS, ActionKind, ActionReview, Role
from ecase.demo import SeedContext
from ecase.models import Case, InvestigativeAction, User
from ecase.seed.rows import AuditChain, insert_rows
from ecase.terms.engine import end_moment
from ecase.terms.term import Term

KIND_WEIGHTS = {
    ActionKind.INTERROGATION: 33,
    ActionKind.EXAMINATION: 14,
    ActionKind.EXPERT_EXAMINATION: 11,
    ActionKind.CONFRONTATION: 5,
    ActionKind.SEARCH: 11,
    ActionKind.SEIZURE: 10,
    ActionKind.ARREST_OF_PROPERTY: 6,
    ActionKind.COVERT_ACTION: 4,
    ActionKind.DETENTION: 6,
}
ACTIONS_PER_CASE = (0, 1, 1, 2, 2, 2, 3, 4)
# Supervision of a restricting action performed more than two days ago: most rest on a sanction approved
# beforehand, urgent ones were reviewed afterwards, a few were found unlawful, a very few slipped through.
SETTLED_REVIEW = {
    ActionReview.BASIS_APPROVED: 62,
    ActionReview.LAWFUL: 32,
    ActionReview.UNLAWFUL: 4,
    ActionReview.AWAITING_REVIEW: 2,
}
P_NOTICE_LATE = 0.08  # reviews decided after the notice's term
DESCRIPTIONS = {
    ActionKind.INTERROGATION: "Interrogation of a witness",
    ActionKind.EXAMINATION: "Examination of the scene",
    ActionKind.EXPERT_EXAMINATION: "Forensic examination ordered",
    ActionKind.CONFRONTATION: "Confrontation between witnesses",
    ActionKind.SEARCH: "Search of the dwelling",
    ActionKind.SEIZURE: "Seizure of documents",
    ActionKind.ARREST_OF_PROPERTY: "Arrest of a vehicle",
    ActionKind.COVERT_ACTION: "Covert audio monitoring",
    ActionKind.DETENTION: "Detention of the suspect",
}
REJECTION = "The search was not urgent; a sanction had to be sought beforehand."
RESTRICTING = frozenset(str(k) for k in RIGHTS_RESTRICTING_ACTIONS)
NOTICE_OUTCOME = {
    ActionReview.AWAITING_REVIEW: DecisionStatus.PENDING,
    ActionReview.LAWFUL: DecisionStatus.APPROVED,
    ActionReview.UNLAWFUL: DecisionStatus.REJECTED,
}


@dataclass(slots=True)
class _Action:
    """An investigative action to insert (plain values; `pk` once written)."""

    case_id: int
    kind: str
    performed_at: datetime
    performed_by: User
    review: str
    basis: bool
    recorded_at: datetime
    pk: int = 0

    def row(self) -> tuple[Any, ...]:
        return (
            self.case_id,
            self.kind,
            self.kind in RIGHTS_RESTRICTING_ACTIONS,
            self.performed_at,
            self.performed_by.pk,
            DESCRIPTIONS[ActionKind(self.kind)],
            "Sanction approved by the supervising prosecutor" if self.basis else "",
            f"demo-sanction-{self.case_id}" if self.basis else "",
            self.review,
            self.recorded_at,
        )


_ACTION_COLUMNS = (
    "case_id",
    "kind",
    "restricts_rights",
    "performed_at",
    "performed_by_id",
    "description",
    "legal_basis",
    "basis_reference",
    "review",
    "recorded_at",
)


@dataclass(slots=True)
class _Notice:
    """The urgent-action notice of one action (plain values; `pk` once written)."""

    action: _Action
    status: str
    submitted_at: datetime
    decided_at: datetime | None
    decided_by: User | None
    rejection_reason: str
    pk: int = 0


_NOTICE_COLUMNS = (
    "case_id",
    "kind",
    "status",
    "author_id",
    "text",
    "action_id",
    "created_at",
    "updated_at",
    "submitted_at",
    "due_at",
    "decided_at",
    "decided_by_id",
    "rejection_reason",
)


def _review(rng: random.Random, kind: str, performed_at: datetime, now: datetime) -> str:
    if kind not in RIGHTS_RESTRICTING_ACTIONS:
        return ActionReview.NOT_REQUIRED
    if now - performed_at < timedelta(days=2) and rng.random() < 0.7:
        return ActionReview.AWAITING_REVIEW
    return rng.choices(list(SETTLED_REVIEW), list(SETTLED_REVIEW.values()))[0]


def _actions(rng: random.Random, cases: Sequence[tuple[int, datetime, User]], now: datetime) -> list[_Action]:
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    actions = []
    for case_id, registered_at, investigator in cases:
        window = max(min(now - registered_at, timedelta(days=60)).total_seconds(), 60.0)
        for _ in range(rng.choice(ACTIONS_PER_CASE)):
            kind = rng.choices(kinds, weights)[0]
            performed_at = registered_at + timedelta(seconds=rng.uniform(0, window))
            review = _review(rng, kind, performed_at, now)
            actions.append(
                _Action(
                    case_id=case_id,
                    kind=str(kind),
                    performed_at=performed_at,
                    performed_by=investigator,
                    review=str(review),
                    basis=review == ActionReview.BASIS_APPROVED,
                    recorded_at=min(performed_at + timedelta(minutes=rng.uniform(10, 240)), now),
                )
            )
    actions.sort(key=lambda a: a.recorded_at)
    return actions


def _notices(rng: random.Random, actions: Sequence[_Action], offices: dict[int, int], now: datetime) -> list[_Notice]:
    """The urgent-action notice of each restricting action done without an approved basis."""
    term = kind_spec(DecisionKind.URGENT_ACTION_NOTICE).default_term
    reviewers: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        organisation_id__in=set(offices.values()), role__in=[Role.PROSECUTOR, Role.SENIOR_PROSECUTOR], is_active=True
    ).order_by("pk"):
        reviewers[user.organisation_id].append(user)  # type: ignore[index]
    notices = []
    for action in actions:
        status = NOTICE_OUTCOME.get(ActionReview(action.review))
        office_reviewers = reviewers.get(offices[action.case_id])
        if status is None or not office_reviewers:
            continue
        submitted = action.recorded_at
        decided = submitted + (end_moment(term, submitted) - submitted) * (
            rng.uniform(1.05, 2.0) if rng.random() < P_NOTICE_LATE else rng.uniform(0.05, 0.9)
        )
        if status != DecisionStatus.PENDING and decided >= now:
            decided = submitted + (now - submitted) * rng.uniform(0.1, 0.9)
        pending = status == DecisionStatus.PENDING
        notices.append(
            _Notice(
                action=action,
                status=str(status),  # bulk rows of decisions taken in the past (the FSM field is set on creation)
                submitted_at=submitted,
                decided_at=None if pending else decided,
                decided_by=None if pending else rng.choice(office_reviewers),
                rejection_reason=REJECTION if status == DecisionStatus.REJECTED else "",
            )
        )
    return notices


def _notice_row(n: _Notice, term: Term) -> tuple[Any, ...]:
    a = n.action
    return (
        a.case_id,
        str(DecisionKind.URGENT_ACTION_NOTICE),
        n.status,
        a.performed_by.pk,
        f"{ActionKind(a.kind).label} performed without an approved decision or court sanction.",
        a.pk,
        n.submitted_at,
        n.decided_at or n.submitted_at,
        n.submitted_at,
        end_moment(term, n.submitted_at),
        n.decided_at,
        n.decided_by.pk if n.decided_by else None,
        n.rejection_reason,
    )


def _recorded_as(action: _Action) -> str:
    """The review state the action had when it was recorded (a review after the fact came later)."""
    reviewed = (ActionReview.LAWFUL, ActionReview.UNLAWFUL)
    return ActionReview.AWAITING_REVIEW if action.review in reviewed else action.review


Event = tuple[datetime, int, User, str, str, int, int, str, str, dict[str, Any], str]


def _events(actions: Sequence[_Action], notices: Sequence[_Notice]) -> list[Event]:
    """(when, order, actor, action, object type, object id, case id, from, to, data, reason), in time order
    (at the same instant, actions before notices, as recorded)."""
    action_type, decision_type = InvestigativeAction._meta.label_lower, ProceduralDecision._meta.label_lower
    kind = str(DecisionKind.URGENT_ACTION_NOTICE)
    draft, pending = str(DecisionStatus.DRAFT), str(DecisionStatus.PENDING)
    events: list[Event] = []
    for a in actions:
        data = {"kind": a.kind, "performed_at": a.performed_at.isoformat(), "restricts_rights": a.kind in RESTRICTING}
        events.append(
            (a.recorded_at, 0, a.performed_by, "action.recorded", action_type, a.pk, a.case_id, "", _recorded_as(a),
             data, "")
        )  # fmt: skip
    for n in notices:
        a = n.action
        data = {"kind": kind, "decision": n.pk, "action_id": a.pk}
        events.append(
            (n.submitted_at, 1, a.performed_by, "decision.submitted", decision_type, n.pk, a.case_id, draft, pending,
             data, "")
        )  # fmt: skip
        if n.decided_at is not None and n.decided_by is not None:
            events.append(
                (n.decided_at, 1, n.decided_by, f"decision.{n.status}", decision_type, n.pk, a.case_id, pending,
                 n.status, data, n.rejection_reason)
            )  # fmt: skip
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def seed_actions_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    if not case_ids or InvestigativeAction.objects.filter(case_id__in=case_ids).exists():
        return
    now = timezone.now()
    rows = list(
        Case.objects.filter(pk__in=case_ids)
        .order_by("pk")
        .values_list("pk", "registered_at", "investigator_id", "supervising_office_id")
    )
    users = User.objects.in_bulk({r[2] for r in rows})
    actions = _actions(ctx.rng, [(pk, registered_at, users[inv]) for pk, registered_at, inv, _office in rows], now)
    offices = {pk: office for pk, _registered_at, _inv, office in rows}
    with transaction.atomic():
        action_ids = insert_rows(InvestigativeAction, _ACTION_COLUMNS, [a.row() for a in actions])
        for action, pk in zip(actions, action_ids, strict=True):
            action.pk = pk
        notices = _notices(ctx.rng, actions, offices, now)
        term = kind_spec(DecisionKind.URGENT_ACTION_NOTICE).default_term
        ids = insert_rows(ProceduralDecision, _NOTICE_COLUMNS, [_notice_row(n, term) for n in notices])
        for notice, pk in zip(notices, ids, strict=True):
            notice.pk = pk
        chain = AuditChain()
        for (
            when,
            _order,
            actor,
            action_name,
            object_type,
            object_id,
            case_id,
            from_state,
            to_state,
            data,
            reason,
        ) in _events(actions, notices):
            chain.add(
                occurred_at=when,
                actor=actor,
                action=action_name,
                object_type=object_type,
                object_id=object_id,
                case_id=case_id,
                from_state=from_state,
                to_state=to_state,
                reason=reason,
                data=data,
            )
        chain.write()
