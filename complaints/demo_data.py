"""Demo complaints for `seed_demo` (registered in ComplaintsConfig.ready()).

- seed_base: a dozen complaints of the demo citizen and of anonymous filers, in every state, handled by
  `prosecutor` and `senior` of the Medeu district office (through the services, so audit events exist).
- seed_bulk: complaints for about 10% of the generated cases, written with bulk inserts, with realistic
  outcomes: some answered late, every refusal with its personal explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecase.demo import SeedContext, demo_clock
from ecase.models import Case, Organisation, User
from ecase.seed.rows import AuditChain
from ecase.terms.engine import end_moment
from ecase.validators import make_iin

from .choices import ANSWERED_STATUSES, OPEN_STATUSES, Channel, ComplaintStatus, ExplanationForm, TermUnit
from .kinds import appeal_term
from .models import Complaint, ComplaintExplanation, ComplaintKind
from .services import (
    complaint_appeal,
    complaint_extend,
    complaint_file,
    complaint_forward,
    complaint_partially_satisfy,
    complaint_propose_refusal,
    complaint_record_explanation,
    complaint_register,
    complaint_satisfy,
    kinds_ensure,
)
from .services.filing import new_tracking_number

S = ComplaintStatus

_ANONYMOUS = [
    ("Serik Bekov", date(1979, 4, 2), "serik.bekov@example.kz"),
    ("Madina Omarova", date(1991, 9, 17), "madina.omarova@example.kz"),
    ("Yerlan Tulegenov", date(1965, 1, 30), ""),
    ("Dana Sadykova", date(1988, 12, 5), "dana.s@example.kz"),
]


def _office(ctx: SeedContext) -> Organisation:
    office = ctx.orgs.get("ala-medeu")
    return office if office is not None else ctx.users["prosecutor"].organisation


def seed_base(ctx: SeedContext) -> None:
    kinds_ensure()
    citizen: User | None = ctx.users.get("citizen")
    prosecutor: User = ctx.users["prosecutor"]
    senior: User = ctx.users["senior"]
    office = _office(ctx)
    if Complaint.objects.filter(office=office).exists() or (
        citizen is not None and Complaint.objects.filter(complainant=citizen).exists()
    ):
        return
    case = Case.objects.filter(supervising_office=office).order_by("registered_at").first()
    now = timezone.now()
    citizen_iin = (citizen.iin if citizen is not None else "") or make_iin(date(1990, 3, 14), 4211, male=False)
    keys: list[tuple[str, str]] = []

    def by_citizen(kind: str, text: str, **extra: Any) -> Complaint:
        complaint, _key = complaint_file(
            actor=citizen,
            kind=kind,
            text=text,
            complainant_name=citizen.get_full_name() if citizen else "Aliya Nurpeisova",
            complainant_iin=citizen_iin,
            complainant_email=citizen.email if citizen else "",
            office_id=office.pk,
            **extra,
        )
        return complaint

    def anonymous(n: int, kind: str, text: str) -> Complaint:
        name, birth, email = _ANONYMOUS[n]
        complaint, key = complaint_file(
            actor=None,
            kind=kind,
            text=text,
            complainant_name=name,
            complainant_iin=make_iin(birth, 1200 + n),
            complainant_email=email,
            office_id=office.pk,
        )
        keys.append((complaint.tracking_number, key))
        return complaint

    def by_mail(n: int, kind: str, text: str, days_ago: int) -> Complaint:
        """Received by mail `days_ago`, filed and registered that day (demo_clock: the dates and the audit
        events at the time of the story)."""
        received = now - timedelta(days=days_ago)
        with demo_clock(received):
            complaint = _mail(n, kind, text, received)
        with demo_clock(received + timedelta(hours=2)):
            return register(complaint)

    def later(complaint: Complaint) -> Any:
        """The clock of the next step of a complaint received by mail: a day after it came."""
        return demo_clock(min(complaint.received_at + timedelta(days=1), now - timedelta(minutes=10)))

    def _mail(n: int, kind: str, text: str, received: datetime) -> Complaint:
        name, birth, email = _ANONYMOUS[n]
        complaint, _key = complaint_file(
            actor=prosecutor,
            kind=kind,
            text=text,
            complainant_name=name,
            complainant_iin=make_iin(birth, 1300 + n),
            complainant_email=email,
            complainant_address="Almaty, Dostyk Ave. 1",
            office_id=office.pk,
            channel=Channel.MAIL,
            received_at=received,
        )
        return complaint

    def register(c: Complaint) -> Complaint:
        return complaint_register(complaint_id=c.pk, actor=prosecutor, office_id=office.pk, executor_id=prosecutor.pk)

    with transaction.atomic():
        # 1. just filed
        by_citizen("general", "The district police have not answered my report about noise from a night club.")
        # 2. procedural complaint about a case, in review
        extra = {"case_number": case.number} if case is not None else {}
        register(by_citizen("procedural", "The investigator refused to add the CCTV recording to the case.", **extra))
        # 3. satisfied
        c = register(by_citizen("general", "My application for a copy of the decision was ignored for a month."))
        complaint_satisfy(complaint_id=c.pk, actor=prosecutor, answer="The copy has been sent to you by mail.")
        # 4. refused after the personal explanation
        c = register(by_citizen("general", "I demand that the criminal case against my neighbour be reopened."))
        complaint_propose_refusal(
            complaint_id=c.pk,
            actor=prosecutor,
            answer="The termination was lawful: no elements of an offence (CPC Art. 35 p.1 (2)).",
        )
        complaint_record_explanation(
            complaint_id=c.pk,
            actor=senior,
            held_at=timezone.now(),
            form=ExplanationForm.VIDEO_CALL,
            participants="The complainant",
            summary="Explained the grounds of termination and the right to appeal to the court.",
        )
        # 5. partially satisfied, then appealed to the higher office
        c = register(by_citizen("procedural", "The investigator seized my car and my phone without a reason."))
        complaint_partially_satisfy(
            complaint_id=c.pk, actor=prosecutor, answer="The phone will be returned; the car remains evidence."
        )
        if citizen is not None:
            complaint_appeal(complaint_id=c.pk, actor=citizen, text="The car is not evidence.")
        # 6. anonymous, in review
        register(anonymous(0, "general", "Officers at the checkpoint demanded money from drivers."))
        # 7. anonymous, refusal awaiting the personal explanation
        c = register(anonymous(1, "other", "I ask the prosecutor to check the tender of the district akimat."))
        complaint_propose_refusal(
            complaint_id=c.pk, actor=prosecutor, answer="The tender is outside criminal supervision."
        )
        # 8. anonymous, procedural, just filed
        anonymous(2, "procedural", "I was questioned for nine hours without a lawyer.")
        # 9. by mail, forwarded to the competent body
        c = by_mail(3, "other", "The utility company overcharges pensioners.", days_ago=2)
        with later(c):
            complaint_forward(complaint_id=c.pk, actor=prosecutor, body="Department for the Protection of Consumers")
        # 10. by mail, overdue
        by_mail(0, "general", "No answer to my report of a stolen bicycle since spring.", days_ago=30)
        # 11. by mail, extended
        c = by_mail(1, "penitentiary", "My son in the pre-trial detention centre gets no medicine.", 15)
        with later(c):
            complaint_extend(
                complaint_id=c.pk,
                actor=senior,
                until=c.kind.extension_limit_from(c.received_at) - timedelta(days=1),
                reason="A medical examination of the detainee has been ordered.",
            )
        # 12. probation, satisfied
        c = by_mail(2, "probation", "The probation officer summons me on my working days.", days_ago=5)
        with later(c):
            complaint_satisfy(complaint_id=c.pk, actor=prosecutor, answer="The schedule has been changed.")
    for number, key in keys:
        ctx.stdout.write(f"  anonymous demo complaint {number}: access key {key}\n")


# --- bulk ---------------------------------------------------------------------------------------

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
