"""Bulk demo data for the statistics: investigative actions for the generated cases, about a third of
them rights-restricting, with realistic supervision states, and the urgent-action notices the
prosecutor reviewed (or has yet to review) for those performed without an approved basis.

Registered as a bulk seeder in StatsConfig.ready(); ``seed_demo --cases N`` calls it per batch of new
cases, after the approvals and complaints seeders. If another seeder already recorded actions for the
batch, it adds nothing. Rows go in with bulk_create, consistent with what the services would have
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
from ecase.models import AuditChainHead, AuditEvent, Case, InvestigativeAction, User

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
NOTICE_OUTCOME = {
    ActionReview.AWAITING_REVIEW: DecisionStatus.PENDING,
    ActionReview.LAWFUL: DecisionStatus.APPROVED,
    ActionReview.UNLAWFUL: DecisionStatus.REJECTED,
}


@dataclass(frozen=True)
class _Event:
    occurred_at: datetime
    actor: User
    action: str
    object_type: str
    object_id: int
    case_id: int
    from_state: str
    to_state: str
    data: dict[str, Any]
    reason: str = ""


def _review(rng: random.Random, kind: str, performed_at: datetime, now: datetime) -> str:
    if kind not in RIGHTS_RESTRICTING_ACTIONS:
        return ActionReview.NOT_REQUIRED
    if now - performed_at < timedelta(days=2) and rng.random() < 0.7:
        return ActionReview.AWAITING_REVIEW
    return rng.choices(list(SETTLED_REVIEW), list(SETTLED_REVIEW.values()))[0]


def _actions(rng: random.Random, case_ids: Sequence[int], now: datetime) -> list[InvestigativeAction]:
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    actions = []
    cases = Case.objects.filter(pk__in=case_ids).values_list("pk", "registered_at", "investigator_id").order_by("pk")
    for case_id, registered_at, investigator_id in cases:
        window = max(min(now - registered_at, timedelta(days=60)).total_seconds(), 60.0)
        for _ in range(rng.choice(ACTIONS_PER_CASE)):
            kind = rng.choices(kinds, weights)[0]
            performed_at = registered_at + timedelta(seconds=rng.uniform(0, window))
            review = _review(rng, kind, performed_at, now)
            basis = review == ActionReview.BASIS_APPROVED
            actions.append(
                InvestigativeAction(
                    case_id=case_id,
                    kind=kind,
                    restricts_rights=kind in RIGHTS_RESTRICTING_ACTIONS,
                    performed_at=performed_at,
                    performed_by_id=investigator_id,
                    description=DESCRIPTIONS[kind],
                    legal_basis="Sanction approved by the supervising prosecutor" if basis else "",
                    basis_reference=f"demo-sanction-{case_id}" if basis else "",
                    review=review,
                    recorded_at=min(performed_at + timedelta(minutes=rng.uniform(10, 240)), now),
                )
            )
    actions.sort(key=lambda a: a.recorded_at)
    return actions


def _notices(
    rng: random.Random, actions: Sequence[InvestigativeAction], users: dict[int, User], now: datetime
) -> list[ProceduralDecision]:
    """The urgent-action notice of each restricting action done without an approved basis."""
    term = kind_spec(DecisionKind.URGENT_ACTION_NOTICE).default_term
    offices = dict(Case.objects.filter(pk__in={a.case_id for a in actions}).values_list("pk", "supervising_office"))
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
        decided = submitted + term * (
            rng.uniform(1.05, 2.0) if rng.random() < P_NOTICE_LATE else rng.uniform(0.05, 0.9)
        )
        if status != DecisionStatus.PENDING and decided >= now:
            decided = submitted + (now - submitted) * rng.uniform(0.1, 0.9)
        pending = status == DecisionStatus.PENDING
        notices.append(
            ProceduralDecision(
                case_id=action.case_id,
                kind=DecisionKind.URGENT_ACTION_NOTICE,
                status=status,  # bulk rows of decisions taken in the past (the FSM field is set on creation)
                author=users[action.performed_by_id],
                text=f"{action.get_kind_display()} performed without an approved decision or court sanction.",
                action=action,
                created_at=submitted,
                updated_at=submitted if pending else decided,
                submitted_at=submitted,
                due_at=submitted + term,
                decided_at=None if pending else decided,
                decided_by=None if pending else rng.choice(office_reviewers),
                rejection_reason="The search was not urgent; a sanction had to be sought beforehand."
                if status == DecisionStatus.REJECTED
                else "",
            )
        )
    return notices


def _recorded_as(action: InvestigativeAction) -> str:
    """The review state the action had when it was recorded (a review after the fact came later)."""
    reviewed = (ActionReview.LAWFUL, ActionReview.UNLAWFUL)
    return ActionReview.AWAITING_REVIEW if action.review in reviewed else str(action.review)


def _events(actions: Sequence[InvestigativeAction], notices: Sequence[ProceduralDecision]) -> list[_Event]:
    decision_type = ProceduralDecision._meta.label_lower
    events = []
    for a in actions:
        data = {"kind": str(a.kind), "performed_at": a.performed_at.isoformat(), "restricts_rights": a.restricts_rights}
        events.append(
            _Event(
                a.recorded_at,
                a.performed_by,
                "action.recorded",
                InvestigativeAction._meta.label_lower,
                a.pk,
                a.case_id,
                "",
                _recorded_as(a),
                data,
            )  # fmt: skip
        )
    for d in notices:
        data = {"kind": d.kind, "decision": d.pk, "action_id": d.action_id}
        events.append(
            _Event(
                d.created_at,
                d.author,
                "decision.submitted",
                decision_type,
                d.pk,
                d.case_id,
                DecisionStatus.DRAFT,
                DecisionStatus.PENDING,
                data,
            )  # fmt: skip
        )
        if d.decided_at is not None and d.decided_by is not None:
            events.append(
                _Event(
                    d.decided_at,
                    d.decided_by,
                    f"decision.{d.status}",
                    decision_type,
                    d.pk,
                    d.case_id,
                    DecisionStatus.PENDING,
                    d.status,
                    data,
                    d.rejection_reason,
                )  # fmt: skip
            )
    events.sort(key=lambda e: e.occurred_at)
    return events


def _chain(events: Sequence[_Event]) -> None:
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev_hash = head.last_seq, head.last_hash
    rows = []
    for e in events:
        seq += 1
        row = AuditEvent(
            seq=seq,
            occurred_at=e.occurred_at,
            actor=e.actor,
            actor_name=e.actor.get_full_name() or e.actor.get_username(),
            action=e.action,
            object_type=e.object_type,
            object_id=str(e.object_id),
            case_id=e.case_id,
            from_state=e.from_state,
            to_state=e.to_state,
            reason=e.reason,
            data=e.data,
            prev_hash=prev_hash,
        )
        row.hash = prev_hash = row.compute_hash()
        rows.append(row)
    AuditEvent.objects.bulk_create(rows, batch_size=5000)
    AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev_hash)


def seed_actions_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    if not case_ids or InvestigativeAction.objects.filter(case_id__in=case_ids).exists():
        return
    now = timezone.now()
    actions = _actions(ctx.rng, case_ids, now)
    users = {u.pk: u for u in User.objects.filter(pk__in={a.performed_by_id for a in actions})}
    for action in actions:
        action.performed_by = users[action.performed_by_id]
    with transaction.atomic():
        InvestigativeAction.objects.bulk_create(actions, batch_size=5000)
        notices = ProceduralDecision.objects.bulk_create(_notices(ctx.rng, actions, users, now), batch_size=2000)
        _chain(_events(actions, notices))
