"""Demo data of the prosecutor's assistant: six cases of the demo investigator, made through the services,
that trigger the rules a new user should see at work on the first login (a detention past 48 hours, an
urgent search notified late, a suspect not told within 24 hours, a decision resubmitted unchanged after two
returns, a custody petition without documents (and a prosecutor's own finding on it, recorded by hand),
one IIN under two names, a qualification changed without a new recognition); then the scan runs over every
case, so the expired terms of the base cases show too. Idempotent: the cases are found by their summary."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from approvals import services as decisions
from approvals.choices import DecisionKind, PreventiveMeasure
from approvals.content import DecisionContent
from approvals.models import ProceduralDecision
from ecase.choices import ActionKind, CaseCategory, Severity
from ecase.demo import SeedContext, demo_clock
from ecase.models import Case, User
from ecase.services.cases import action_record, case_register, participant_add
from ecase.services.detentions import detention_record
from ecase.validators import make_iin

from .choices import FindingSeverity
from .models import ScanRun
from .scan import scan_run
from .services import finding_record

MARK = "[assistant demo]"


def _case(inv: User, summary: str) -> Case:
    registered_at = timezone.now() - timedelta(days=4)
    with demo_clock(registered_at):  # its registration event at the registration's time (issue 14)
        return case_register(
            actor=inv,
            qualification="188 p.2",
            category=CaseCategory.PROPERTY,
            severity=Severity.MEDIUM,
            summary=f"{summary} {MARK}",
            registered_at=registered_at,
        )


def _recognised(inv: User, pros: User, case: Case, name: str) -> ProceduralDecision:
    d = decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.SUSPECT_RECOGNITION,
        content=DecisionContent(
            text="Witness statements identify the person.", person_full_name=name, qualification=case.qualification
        ),
    )
    decisions.decision_submit(decision_id=d.pk, actor=inv)
    return decisions.decision_approve(decision_id=d.pk, actor=pros)


def seed_base(ctx: SeedContext) -> None:
    inv, pros = ctx.users.get("investigator"), ctx.users.get("prosecutor")
    if inv is None or pros is None:
        return
    if Case.objects.filter(summary__endswith=MARK).exists() and ScanRun.objects.exists():
        return  # seeded and scanned before: seeding again changes nothing (the nightly scan keeps it current)
    if not Case.objects.filter(summary__endswith=MARK).exists():
        with transaction.atomic():
            _scenarios(inv, pros)
    run = scan_run()
    ctx.stdout.write(f"legality: {run.processed} cases scanned, {run.opened} findings opened.")


def _scenarios(inv: User, pros: User) -> None:
    now = timezone.now()
    case = _case(inv, "Theft of a car radio; the suspect was detained at the scene.")
    detention_record(
        case_id=case.pk,
        actor=inv,
        detained_at=now - timedelta(hours=60),
        full_name="Omarov Timur",
        protocol_reference="PZ-2026-118",
    )

    case = _case(inv, "Theft from a warehouse; an urgent search of the suspect's garage.")
    action_record(
        case_id=case.pk,
        actor=inv,
        kind=ActionKind.SEARCH,
        performed_at=now - timedelta(hours=40),
        description="Urgent search of the garage at 12 Abay street; tools and boxes seized.",
    )

    case = _case(inv, "Pickpocketing on a bus; the suspect identified from the camera.")
    recognition = _recognised(inv, pros, case, "Sadykov Ruslan")
    # Demo only: the clock of the notice moves into the past (the status never changes outside services).
    ProceduralDecision.objects.filter(pk=recognition.pk).update(suspect_notice_due_at=now - timedelta(hours=3))

    case = _case(inv, "Theft of a bicycle; the owner cannot be found for questioning.")
    suspension = decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.SUSPENSION,
        content=DecisionContent(text="The owner cannot be found.", suspension_ground="45-7-1"),
    )
    decisions.decision_submit(decision_id=suspension.pk, actor=inv)
    for _ in range(2):
        decisions.decision_return(decision_id=suspension.pk, actor=pros, remarks="Show the search for the owner.")
        decisions.decision_revise(decision_id=suspension.pk, actor=inv)
        decisions.decision_submit(decision_id=suspension.pk, actor=inv)

    case = _case(inv, "Robbery of a shop at night; the suspect has no permanent residence.")
    suspect = _recognised(inv, pros, case, "Zhakupov Nurlan")
    decisions.decision_record_suspect_notified(decision_id=suspect.pk, actor=inv)
    petition = decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.PREVENTIVE_MEASURE,
        content=DecisionContent(
            text="The suspect may flee; custody is necessary.",
            participant=suspect.suspect_participant_id,
            measure=PreventiveMeasure.CUSTODY,
            measure_until=timezone.localdate() + timedelta(days=40),
            detained_at=now - timedelta(hours=5),
        ),
    )
    decisions.decision_submit(decision_id=petition.pk, actor=inv)
    # The prosecutor's own finding, recorded by hand: the statistics count it against the system's.
    finding_record(
        actor=pros,
        case_id=case.pk,
        decision_id=petition.pk,
        severity=FindingSeverity.RISK,
        article="CPC Art. 147 p.2",
        text="The petition does not say why house arrest would not do.",
    )
    decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.QUALIFICATION_CHANGE,
        content=DecisionContent(text="Violence was used: robbery with violence.", qualification="192 p.2"),
    )

    case = _case(inv, "Fraud with a rented flat; the victim and a witness share a document.")
    iin = make_iin(date(1988, 4, 2), 4711, male=False)
    participant_add(case_id=case.pk, actor=inv, role="victim", full_name="Ospanova Aigerim", iin=iin)
    decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.SUSPECT_RECOGNITION,
        content=DecisionContent(
            text="The tenant kept the deposit.",
            person_full_name="Ospanova Aizhan",
            person_iin=iin,
            qualification=case.qualification,
        ),
    )
    suspected = _recognised(inv, pros, case, "Kim Vladimir")
    change = decisions.decision_create(
        actor=inv,
        case_id=case.pk,
        kind=DecisionKind.QUALIFICATION_CHANGE,
        content=DecisionContent(text="The damage is large: fraud on a large scale.", qualification="190 p.3"),
    )
    decisions.decision_submit(decision_id=change.pk, actor=inv)
    decisions.decision_approve(decision_id=change.pk, actor=pros)
    assert suspected.pk  # noqa: S101
