"""Demo decisions for `seed_demo` (registered with ecase.demo in ApprovalsConfig.ready()): a dozen
decisions in every state for the documented demo users (investigator of the Medeu police, prosecutor and
senior prosecutor of the Medeu district office, the Almaty judge), made through the services, including
overdue pending ones. The bulk part is in approvals.demo_bulk.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecase.choices import CaseStatus, ParticipantRole
from ecase.demo import SeedContext, demo_clock
from ecase.models import Case, Participant, TerminationGround

from . import services
from .choices import DecisionKind, DecisionStatus, PreventiveMeasure
from .content import DecisionContent
from .models import ProceduralDecision

# --- the small demo world --------------------------------------------------------------------------------


def _story(case: Case, hours_ago: float, now: datetime) -> datetime:
    """When a demo decision's story starts: `hours_ago` before now, but after the case's first day (its
    people, documents and urgent actions) and early enough for the few steps that follow (< 6 h)."""
    start = max(now - timedelta(hours=hours_ago), case.registered_at + timedelta(hours=21))
    return min(start, now - timedelta(hours=6))


def seed_base(ctx: SeedContext) -> None:
    inv, pros, senior, judge = (ctx.users.get(n) for n in ("investigator", "prosecutor", "senior", "judge"))
    if inv is None or pros is None or senior is None:
        return
    if ProceduralDecision.objects.filter(author=inv).exclude(kind=DecisionKind.URGENT_ACTION_NOTICE).exists():
        return  # already seeded
    cases = list(Case.objects.filter(investigator=inv, status=CaseStatus.INVESTIGATING).order_by("registered_at"))
    if len(cases) < 10:
        ctx.stdout.write("approvals: fewer than 10 open cases of the demo investigator; no demo decisions.")
        return
    grounds = {g.code: g for g in TerminationGround.objects.all()}
    now = timezone.now()
    # Every step runs through the services at the moment of its story (demo_clock): the decision's dates
    # and its audit events agree, drafted before submitted before decided.
    clock: dict[str, datetime] = {}

    def step(case: Case, hours_ago: float | None = None, *, after: float = 0.5) -> Any:
        """The clock for the next step of a case's story: its start (`hours_ago`), or `after` hours on."""
        at = _story(case, hours_ago, now) if hours_ago is not None else clock["at"] + timedelta(hours=after)
        clock["at"] = at
        return demo_clock(at)

    def draft(case: Case, kind: str, text: str, *, hours_ago: float | None = None, **fields: Any) -> ProceduralDecision:
        with step(case, hours_ago):
            return services.decision_create(
                actor=inv, case_id=case.pk, kind=kind, content=DecisionContent(text=text, **fields)
            )

    def submitted(
        case: Case, kind: str, text: str, *, hours_ago: float | None = None, **fields: Any
    ) -> ProceduralDecision:
        decision = draft(case, kind, text, hours_ago=hours_ago, **fields)
        with step(case):
            return services.decision_submit(decision_id=decision.pk, actor=inv)

    def then(case: Case, action: Any, **kwargs: Any) -> ProceduralDecision:
        with step(case, after=1):
            return action(**kwargs)

    with transaction.atomic():
        # Approved termination on a rehabilitating ground: no event of an offence.
        d = submitted(
            cases[0],
            DecisionKind.TERMINATION,
            "The examination established that the phone was lost, not stolen; it was found and returned to its "
            "owner. There was no event of a criminal offence.",
            termination_ground="35-1-1",
            hours_ago=30 * 24,
        )
        then(
            cases[0],
            services.decision_approve,
            decision_id=d.pk,
            actor=pros,
            note="The loss is confirmed by the owner's statement.",
        )

        # Terminated on limitation, then the termination cancelled by the senior prosecutor as premature.
        d = submitted(
            cases[1],
            DecisionKind.TERMINATION,
            "The limitation period for the offence has expired; the case is to be terminated.",
            termination_ground="35-1-4",
            hours_ago=20 * 24,
        )
        then(cases[1], services.decision_approve, decision_id=d.pk, actor=pros)
        cancellation = then(
            cases[1],
            services.decision_create,
            actor=senior,
            case_id=cases[1].pk,
            kind=DecisionKind.TERMINATION_CANCELLATION,
            content=DecisionContent(
                text="The limitation period was counted from the wrong date: it has not expired. The decision to "
                "terminate is cancelled and the investigation continues."
            ),
        )
        then(cases[1], services.decision_issue, decision_id=cancellation.pk, actor=senior)

        # Suspect recognised, then custody agreed by the prosecutor and awaiting the judge.
        witness = Participant.objects.filter(case=cases[2]).exclude(role=ParticipantRole.SUSPECT).first()
        who: dict[str, Any] = (
            {"participant": witness.pk}
            if witness is not None
            else {"person_full_name": "Serikbayev Marat", "person_birth_date": date(1991, 3, 14)}
        )
        d = submitted(
            cases[2],
            DecisionKind.SUSPECT_RECOGNITION,
            "Witness statements and CCTV footage show the person took the property.",
            qualification=cases[2].qualification,
            hours_ago=10 * 24,
            **who,
        )
        d = then(cases[2], services.decision_approve, decision_id=d.pk, actor=pros)
        then(cases[2], services.decision_record_suspect_notified, decision_id=d.pk, actor=inv)
        clock["at"] += timedelta(minutes=30)
        measure = submitted(
            cases[2],
            DecisionKind.PREVENTIVE_MEASURE,
            "The suspect has no permanent residence and tried to leave the city; custody is necessary.",
            participant=d.suspect_participant_id,
            measure=PreventiveMeasure.CUSTODY,
            measure_until=timezone.localdate(clock["at"]) + timedelta(days=55),
            detained_at=clock["at"] - timedelta(hours=20),
        )
        then(cases[2], services.decision_approve, decision_id=measure.pk, actor=senior)

        # Suspect recognition refused: the person is exempted from prosecution by the prosecutor's filter.
        d = submitted(
            cases[3],
            DecisionKind.SUSPECT_RECOGNITION,
            "The person was near the scene at the time of the offence.",
            person_full_name="Abenova Dana",
            person_birth_date=date(1999, 8, 2),
            qualification=cases[3].qualification,
            hours_ago=8 * 24,
        )
        then(
            cases[3],
            services.decision_reject,
            decision_id=d.pk,
            actor=pros,
            reason="Presence near the scene is no evidence of guilt; nothing links the person to the act.",
        )

        # Pending, overdue: a termination and a suspect recognition past the prosecutor's term.
        d = submitted(
            cases[4],
            DecisionKind.TERMINATION,
            "The victim reconciled with the person and withdrew the complaint.",
            termination_ground=grounds["36-reconciliation"].code,
            hours_ago=80,
        )
        d = submitted(
            cases[9],
            DecisionKind.SUSPECT_RECOGNITION,
            "The seized goods were found at the person's garage.",
            person_full_name="Tulegenov Ruslan",
            qualification=cases[9].qualification,
            hours_ago=30,
        )

        # Pending, due today: a term extension.
        d = submitted(
            cases[5],
            DecisionKind.TERM_EXTENSION,
            "An expert examination of the seized phones is still under way; one more month is needed.",
            new_term_expires_at=max(cases[5].term_expires_at, now) + timedelta(days=30),
            hours_ago=68,
        )

        # Returned with remarks: a change of qualification.
        d = submitted(
            cases[6],
            DecisionKind.QUALIFICATION_CHANGE,
            "The damage exceeds the threshold of a significant amount.",
            qualification="188 p.3",
            hours_ago=5 * 24,
        )
        then(
            cases[6],
            services.decision_return,
            decision_id=d.pk,
            actor=pros,
            remarks="Attach the valuation report: the amount of damage must be documented before the change.",
        )

        # Approved suspension: the suspect is not identified.
        d = submitted(
            cases[7],
            DecisionKind.SUSPENSION,
            "All possible investigative actions are done; the person to be charged is not identified (CPC 45 p.7).",
            suspension_ground="45-7-1",
            hours_ago=12 * 24,
        )
        then(cases[7], services.decision_approve, decision_id=d.pk, actor=pros)

        # A draft indictment, and a withdrawn draft.
        text = "The investigation is complete; the case is ready for court."
        draft(cases[8], DecisionKind.INDICTMENT, text, hours_ago=2 * 24)
        d = draft(cases[8], DecisionKind.SUSPENSION, "Draft written in error.", suspension_ground="45-7-2")
        then(cases[8], services.decision_withdraw, decision_id=d.pk, actor=inv, reason="Written in error.")

        # One urgent-action notice (created when the base cases recorded their actions) reviewed as lawful.
        notice = (
            ProceduralDecision.objects.filter(
                kind=DecisionKind.URGENT_ACTION_NOTICE,
                status=DecisionStatus.PENDING,
                case__supervising_office=pros.organisation,
            )
            .order_by("id")
            .first()
        )
        if notice is not None:
            with step(notice.case, 24):
                services.decision_approve(
                    decision_id=notice.pk, actor=pros, note="The delay would have let the evidence be destroyed."
                )
    if judge is not None:
        ctx.stdout.write("approvals: demo decisions in every state (a custody petition awaits the judge).")
