"""Bulk demo data for the statistics: investigative actions for the generated cases, about a third of
them rights-restricting, with realistic supervision states.

Registered as a bulk seeder in StatsConfig.ready() (``seed_demo --cases N`` calls it per batch of new
cases, after the approvals and complaints seeders). If another seeder already recorded actions for the
batch, it adds nothing. Rows go in with bulk_create; each action gets its ``action.recorded`` audit event,
hash-chained under the chain-head lock exactly as ``audit_record`` would, so ``verify_audit`` passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ecase.choices import RIGHTS_RESTRICTING_ACTIONS, ActionKind, ActionReview
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


def seed_actions_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    if not case_ids or InvestigativeAction.objects.filter(case_id__in=case_ids).exists():
        return
    rng = ctx.rng
    now = timezone.now()
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    reviews, review_weights = list(SETTLED_REVIEW), list(SETTLED_REVIEW.values())
    actions: list[InvestigativeAction] = []
    cases = Case.objects.filter(pk__in=case_ids).values_list("pk", "registered_at", "investigator_id").order_by("pk")
    for case_id, registered_at, investigator_id in cases:
        window = max(min(now - registered_at, timedelta(days=60)).total_seconds(), 60.0)
        for _ in range(rng.choice(ACTIONS_PER_CASE)):
            kind = rng.choices(kinds, weights)[0]
            performed_at = registered_at + timedelta(seconds=rng.uniform(0, window))
            restricts = kind in RIGHTS_RESTRICTING_ACTIONS
            if not restricts:
                review = ActionReview.NOT_REQUIRED
            elif now - performed_at < timedelta(days=2) and rng.random() < 0.7:
                review = ActionReview.AWAITING_REVIEW
            else:
                review = rng.choices(reviews, review_weights)[0]
            basis = review == ActionReview.BASIS_APPROVED
            actions.append(
                InvestigativeAction(
                    case_id=case_id,
                    kind=kind,
                    restricts_rights=restricts,
                    performed_at=performed_at,
                    performed_by_id=investigator_id,
                    description=DESCRIPTIONS[kind],
                    legal_basis="Sanction approved by the supervising prosecutor" if basis else "",
                    basis_reference=f"demo-sanction-{case_id}" if basis else "",
                    review=review,
                    recorded_at=performed_at,
                )
            )
    actions.sort(key=lambda a: a.performed_at)
    with transaction.atomic():
        InvestigativeAction.objects.bulk_create(actions, batch_size=5000)
        _audit(actions)


def _audit(actions: Sequence[InvestigativeAction]) -> None:
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev_hash = head.last_seq, head.last_hash
    names = {
        u.pk: u.get_full_name() or u.get_username()
        for u in User.objects.filter(pk__in={a.performed_by_id for a in actions})
    }
    events = []
    for action in actions:
        seq += 1
        event = AuditEvent(
            seq=seq,
            occurred_at=action.recorded_at,
            actor_id=action.performed_by_id,
            actor_name=names[action.performed_by_id],
            action="action.recorded",
            object_type="ecase.investigativeaction",
            object_id=str(action.pk),
            case_id=action.case_id,
            to_state=str(action.review),
            data={
                "kind": str(action.kind),
                "performed_at": action.performed_at.isoformat(),
                "restricts_rights": action.restricts_rights,
            },
            prev_hash=prev_hash,
        )
        event.hash = prev_hash = event.compute_hash()
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=5000)
    AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev_hash)
