"""Bulk demo complaints for `seed_demo --cases N` (the `bulk` half of the complaints seeder).

Complaints for about 10% of the generated cases, written with bulk inserts, with realistic outcomes: some
answered late, every refusal with its personal explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ecase.demo import SeedContext
from ecase.models import Case, User
from ecase.seed.rows import AuditChain
from ecase.terms.engine import end_moment
from ecase.validators import make_iin

from .choices import ANSWERED_STATUSES, OPEN_STATUSES, Channel, ComplaintStatus, ExplanationForm, TermUnit
from .kinds import appeal_term
from .models import Complaint, ComplaintExplanation, ComplaintKind
from .services import (
    kinds_ensure,
)
from .services.filing import new_tracking_number

S = ComplaintStatus
_KIND_WEIGHTS = (("procedural", 45), ("general", 35), ("penitentiary", 8), ("probation", 5), ("other", 7))
_OUTCOMES = (
    (S.SATISFIED, 18),
    (S.PARTIALLY_SATISFIED, 10),
    (S.FORWARDED, 7),
    (S.REFUSED, 40),
    (S.REFUSAL_PENDING_EXPLANATION, 5),
    (S.IN_REVIEW, 12),
    (S.SUBMITTED, 8),
)
_FIRST_NAMES = ["Aigerim", "Nurlan", "Dana", "Yerlan", "Madina", "Serik", "Aliya", "Timur", "Gulnar", "Arman"]
_LAST_NAMES = ["Abenov", "Sultanova", "Omarov", "Tulegenova", "Bekov", "Sadykova", "Ismailov", "Zhumabayeva"]
_FORMS = [ExplanationForm.IN_PERSON, ExplanationForm.VIDEO_CALL, ExplanationForm.PHONE]


class _Terms:
    """Term ends memoised by (length, unit, local day): a term ends at the end of a day that depends only
    on the day it starts, so a whole run shares a few thousand distinct ends (kept in ctx.cache)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[int, str, date], datetime] = {}

    def _end(self, at: datetime, value: int, unit: str) -> datetime:
        key = (value, unit, timezone.localtime(at).date())
        end = self._memo.get(key)
        if end is None:
            end = self._memo[key] = end_moment(appeal_term(value, unit), at)
        return end

    def due(self, kind: ComplaintKind, at: datetime) -> datetime:
        return self._end(at, kind.term_value, kind.term_unit)

    def forward(self, kind: ComplaintKind, at: datetime) -> datetime:
        return self._end(at, kind.forwarding_term_working_days, TermUnit.WORKING_DAYS)

    def explanation(self, kind: ComplaintKind, at: datetime) -> datetime:
        return self._end(at, kind.explanation_term_working_days, TermUnit.WORKING_DAYS)


def _staff_by_office() -> tuple[dict[int, list[User]], dict[int, list[User]]]:
    prosecutors: dict[int, list[User]] = {}
    seniors: dict[int, list[User]] = {}
    for user in User.objects.filter(role__in=["prosecutor", "senior_prosecutor"], is_active=True):
        target = seniors if user.role == "senior_prosecutor" else prosecutors
        target.setdefault(user.organisation_id, []).append(user)  # type: ignore[arg-type]
    return prosecutors, seniors


def _audit_bulk(complaints: list[Complaint]) -> None:
    """The events the services would have written on the way to each complaint's state (the verifier's
    state cross-check compares every complaint's status with its last status event)."""
    chain = AuditChain()
    for c in complaints:
        steps: list[tuple[datetime, User | None, str, str, str]] = [
            (c.received_at, None, "complaint.filed", "", S.SUBMITTED)
        ]
        if c.status != S.SUBMITTED:
            steps.append((c.registered_at or c.received_at, c.executor, "complaint.register", S.SUBMITTED, S.IN_REVIEW))
        if c.status in _BULK_ANSWER_ACTIONS:
            steps.append(
                (c.answered_at or c.received_at, c.answered_by, _BULK_ANSWER_ACTIONS[c.status], S.IN_REVIEW, c.status)
            )
        if c.status in (S.REFUSAL_PENDING_EXPLANATION, S.REFUSED):
            proposed = c.refusal_proposed_at or c.received_at
            steps.append(
                (
                    proposed,
                    c.refusal_proposed_by,
                    "complaint.propose_refusal",
                    S.IN_REVIEW,
                    S.REFUSAL_PENDING_EXPLANATION,
                )
            )
        if c.status == S.REFUSED:
            steps.append(
                (
                    c.answered_at or c.received_at,
                    c.answered_by,
                    "complaint.record_explanation",
                    S.REFUSAL_PENDING_EXPLANATION,
                    S.REFUSED,
                )
            )
        for when, actor, action, from_state, to_state in steps:
            chain.add(
                occurred_at=when,
                actor=actor,
                action=action,
                object_type="complaints.complaint",
                object_id=c.pk,
                case_id=c.case_id,
                data={"tracking_number": c.tracking_number},
                from_state=from_state,
                to_state=to_state,
            )
    chain.write()


_BULK_ANSWER_ACTIONS = {
    ComplaintStatus.SATISFIED: "complaint.satisfy",
    ComplaintStatus.PARTIALLY_SATISFIED: "complaint.partially_satisfy",
    ComplaintStatus.FORWARDED: "complaint.forward",
}


def seed_bulk(ctx: SeedContext, case_ids: Sequence[int]) -> None:
    kinds_ensure()
    rng = ctx.rng
    kinds = {k.code: k for k in ComplaintKind.objects.all()}
    terms: _Terms = ctx.cache.setdefault("complaints.terms", _Terms())
    prosecutors, seniors = _staff_by_office()
    fallback_prosecutor: User = ctx.users["prosecutor"]
    fallback_senior: User = ctx.users["senior"]
    sample = [cid for cid in case_ids if rng.random() < 0.10]
    now = timezone.now()
    used: set[str] = set()
    kind_codes = [k for k, _w in _KIND_WEIGHTS]
    kind_weights = [w for _k, w in _KIND_WEIGHTS]
    outcome_states = [s for s, _w in _OUTCOMES]
    outcome_weights = [w for _s, w in _OUTCOMES]
    final_states = [s for s, _w in _OUTCOMES if s in ANSWERED_STATUSES]
    final_weights = [w for s, w in _OUTCOMES if s in ANSWERED_STATUSES]
    created = 0
    for start in range(0, len(sample), 900):
        chunk = sample[start : start + 900]
        cases = Case.objects.filter(pk__in=chunk).values_list("id", "number", "supervising_office_id", "registered_at")
        rows: list[tuple[Complaint, ComplaintExplanation | None]] = []
        for case_id, number, office_id, registered_at in cases:
            code = rng.choices(kind_codes, kind_weights)[0]
            received = registered_at + timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 10))
            if received > now - timedelta(hours=1):
                # Never before the case was registered, never in the future.
                received = max(now - timedelta(hours=rng.randint(1, 48)), registered_at + (now - registered_at) / 2)
            status = rng.choices(outcome_states, outcome_weights)[0]
            if status in OPEN_STATUSES and received < now - timedelta(days=45) and rng.random() < 0.9:
                # Old complaints are mostly answered by now; a few stay open (and overdue).
                status = rng.choices(final_states, final_weights)[0]
            due = terms.due(kinds[code], received)
            executor = rng.choice(prosecutors.get(office_id) or [fallback_prosecutor])
            senior = rng.choice(seniors.get(office_id) or [fallback_senior])
            late = rng.random() < 0.12
            term_span = max(due - received, timedelta(hours=4))
            answered = (
                due + timedelta(days=rng.randint(1, 10)) if late else received + term_span * rng.uniform(0.2, 0.95)
            )
            if status not in (S.SUBMITTED, S.IN_REVIEW) and answered > now:
                status = S.IN_REVIEW
            # Registered after receipt and before the answer (or now): the story's steps in order.
            limit = now if status in (S.SUBMITTED, S.IN_REVIEW) else answered
            registered = received + min(timedelta(hours=rng.randint(1, 20)), (limit - received) / 3)
            tracking = new_tracking_number(received)
            while tracking in used:
                tracking = new_tracking_number(received)
            used.add(tracking)
            complaint = Complaint(
                tracking_number=tracking,
                kind_id=code,
                channel=rng.choice([Channel.WEB, Channel.WEB, Channel.API, Channel.MAIL, Channel.IN_PERSON]),
                complainant_name=f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
                complainant_iin=make_iin(date(1960 + rng.randint(0, 40), rng.randint(1, 12), 1), rng.randint(0, 9000)),
                case_id=case_id,
                case_number=number,
                text="Complaint about the investigation (generated).",
                office_id=office_id,
                received_at=received,
                due_at=due,
                initial_due_at=due,
                forward_due_at=terms.forward(kinds[code], received),
                status=status,  # bulk rows bypass the transitions but satisfy the same constraints
            )
            if status != S.SUBMITTED:
                complaint.executor = executor
                complaint.registered_at = registered
                complaint.registered_by = executor
            explanation = None
            if status in (S.SATISFIED, S.PARTIALLY_SATISFIED, S.FORWARDED):
                complaint.answer = "Answer (generated)."
                complaint.answered_at, complaint.answered_by = answered, executor
                complaint.rights_notice = kinds[code].rights_notice if status != S.FORWARDED else ""
                if status == S.FORWARDED:
                    complaint.forwarded_to = "Competent body (generated)"
            if status in (S.REFUSAL_PENDING_EXPLANATION, S.REFUSED):
                proposed = answered - timedelta(days=rng.randint(1, 3)) if status == S.REFUSED else answered
                proposed = max(proposed, registered + (answered - registered) / 3)
                complaint.answer = "Refusal with reasons (generated)."
                complaint.refusal_proposed_at, complaint.refusal_proposed_by = proposed, executor
                complaint.explanation_due_at = terms.explanation(kinds[code], proposed)
            if status == S.REFUSED:
                complaint.answered_at, complaint.answered_by = answered, senior
                complaint.rights_notice = kinds[code].rights_notice
                explanation = ComplaintExplanation(
                    held_at=answered - min(timedelta(hours=1), (answered - proposed) / 2),
                    form=rng.choice(_FORMS),
                    given_by=senior,
                    participants="The complainant",
                    summary="The reasons for the refusal were explained (generated).",
                    recorded_by=senior,
                    recorded_at=answered,
                )
            rows.append((complaint, explanation))
        with transaction.atomic():
            explanations = ComplaintExplanation.objects.bulk_create([e for _c, e in rows if e is not None])
            it = iter(explanations)
            for complaint, explanation in rows:
                if explanation is not None:
                    complaint.explanation = next(it)
            Complaint.objects.bulk_create([c for c, _e in rows], batch_size=1000)
            _audit_bulk([c for c, _e in rows])
        created += len(rows)
    ctx.stdout.write(f"Generated {created} complaints in bulk.\n")
