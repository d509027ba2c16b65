"""Demo complaints for `seed_demo` (registered in ComplaintsConfig.ready()).

- seed_base: a dozen complaints of the demo citizen and of anonymous filers, in every state, handled by
  `prosecutor` and `senior` of the Medeu district office (through the services, so audit events exist).
- seed_bulk (complaints/demo_bulk.py): complaints for about 10% of the generated cases.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecase.demo import SeedContext, demo_clock
from ecase.models import Case, Organisation, User
from ecase.validators import make_iin

from .choices import Channel, ComplaintStatus, ExplanationForm
from .models import Complaint
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
