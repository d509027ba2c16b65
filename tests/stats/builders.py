"""A small, known world for the statistics tests, built only through the services of each app.

All times are Asia/Almaty. The period under test is March 2026 (its previous period: 29 January to
28 February 2026); the figures are read at NOW = 20 March 2026, 12:00. See EXPECTED_* in
test_indicators.py for what each indicator must show.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from approvals.choices import DecisionKind
from approvals.content import DecisionContent
from approvals.models import ProceduralDecision
from approvals.services import (
    decision_approve,
    decision_create,
    decision_issue,
    decision_reject,
    decision_return,
    decision_submit,
)
from complaints.choices import Channel, ExplanationForm
from complaints.models import Complaint
from complaints.services.filing import complaint_file
from complaints.services.handling import (
    complaint_partially_satisfy,
    complaint_propose_refusal,
    complaint_record_explanation,
    complaint_register,
    complaint_satisfy,
)
from ecase.choices import ActionKind, CaseCategory, Severity
from ecase.models import Case, InvestigativeAction, User
from ecase.services.cases import action_record, case_register
from ecase.validators import make_iin
from stats.period import Period

ALMATY = ZoneInfo("Asia/Almaty")
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 31))
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=ALMATY)


def local(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ALMATY)


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with time_machine.travel(moment, tick=False):
        yield


def register_case(investigator: User, category: str, moment: datetime) -> Case:
    with at(moment):
        return case_register(
            actor=investigator,
            qualification="188 p.2",
            category=category,
            severity=Severity.MEDIUM,
            summary=f"A {category} case registered on {moment:%Y-%m-%d %H:%M}.",
        )


def draft(author: User, case: Case, kind: str, moment: datetime, **fields: object) -> ProceduralDecision:
    with at(moment):
        return decision_create(
            actor=author, case_id=case.pk, kind=kind, content=DecisionContent(text=f"{kind} decision", **fields)
        )


def submit(decision: ProceduralDecision, moment: datetime) -> ProceduralDecision:
    with at(moment):
        return decision_submit(decision_id=decision.pk, actor=decision.author)


def approve(decision: ProceduralDecision, prosecutor: User, moment: datetime) -> ProceduralDecision:
    with at(moment):
        return decision_approve(decision_id=decision.pk, actor=prosecutor)


def reject(decision: ProceduralDecision, prosecutor: User, moment: datetime) -> ProceduralDecision:
    with at(moment):
        return decision_reject(decision_id=decision.pk, actor=prosecutor, reason="Not supported by evidence.")


def give_back(decision: ProceduralDecision, prosecutor: User, moment: datetime) -> ProceduralDecision:
    with at(moment):
        return decision_return(decision_id=decision.pk, actor=prosecutor, remarks="Add the expert's opinion.")


def terminate(
    investigator: User, prosecutor: User, case: Case, ground: str, submitted: datetime, decided: datetime
) -> ProceduralDecision:
    decision = draft(investigator, case, DecisionKind.TERMINATION, submitted, termination_ground=ground)
    submit(decision, submitted)
    return approve(decision, prosecutor, decided)


def recognise(investigator: User, case: Case, iin_serial: int, moment: datetime) -> ProceduralDecision:
    decision = draft(
        investigator,
        case,
        DecisionKind.SUSPECT_RECOGNITION,
        moment,
        person_full_name=f"Suspect {iin_serial}",
        person_iin=make_iin(date(1990, 1, 1), iin_serial),
        qualification="188 p.2",
    )
    return submit(decision, moment)


def record_action(
    investigator: User, case: Case, kind: str, moment: datetime, *, basis: str = ""
) -> InvestigativeAction:
    with at(moment):
        return action_record(
            case_id=case.pk,
            actor=investigator,
            kind=kind,
            performed_at=moment.replace(hour=moment.hour - 1),
            description=f"{kind} in case {case.number}",
            legal_basis="Sanction of the prosecutor" if basis else "",
            basis_reference=basis,
        )


def notice_of(action: InvestigativeAction) -> ProceduralDecision:
    return ProceduralDecision.objects.get(kind=DecisionKind.URGENT_ACTION_NOTICE, action=action)


def file_complaint(prosecutor: User, kind: str, moment: datetime, *, register: bool = True) -> Complaint:
    """A complaint received by mail at `moment`, entered (and registered) by a prosecutor of its office."""
    assert prosecutor.organisation is not None
    with at(moment):
        complaint, _key = complaint_file(
            actor=prosecutor,
            kind=kind,
            text="The investigator does not answer my petitions.",
            complainant_name="Aigerim Nurlanovna",
            complainant_iin=make_iin(date(1985, 5, 5), 100 + Complaint.objects.count()),
            office_id=prosecutor.organisation.pk,
            channel=Channel.MAIL,
            received_at=moment,
        )
        if register:
            complaint = complaint_register(
                complaint_id=complaint.pk,
                actor=prosecutor,
                office_id=prosecutor.organisation.pk,
                executor_id=prosecutor.pk,
            )
    return complaint


@dataclass
class StatsWorld:
    cases: dict[str, Case] = field(default_factory=dict)
    decisions: dict[str, ProceduralDecision] = field(default_factory=dict)
    actions: dict[str, InvestigativeAction] = field(default_factory=dict)
    complaints: dict[str, Complaint] = field(default_factory=dict)


def build(w) -> StatsWorld:  # noqa: PLR0915 - one chronological script reads best as one function
    """Build the known world in chronological order. `w` is the shared `world` fixture."""
    s = StatsWorld()
    inv, pros, senior = w.investigator_a, w.prosecutor_a1, w.senior_a1
    c = s.cases
    # Outside both periods: investigation term (2 months) expired on 5 March -> overdue now.
    c["c0"] = register_case(inv, CaseCategory.ECONOMIC, local(1, 5))
    k0 = file_complaint(pros, "general", local(2, 10))
    with at(local(2, 12)):
        complaint_satisfy(complaint_id=k0.pk, actor=pros, answer="Your petition was granted.")
    # The previous period ends at 28 Feb 23:59:59 local; 1 March 00:05 local (28 Feb 18:05 UTC) is inside.
    c["c6"] = register_case(inv, CaseCategory.PROPERTY, local(2, 28, 23, 55))
    c["c5"] = register_case(inv, CaseCategory.PROPERTY, local(3, 1, 0, 5))
    c["c1"] = register_case(inv, CaseCategory.PROPERTY, local(3, 2))
    s.complaints["k1"] = file_complaint(pros, "general", local(3, 2))
    s.complaints["k2"] = file_complaint(pros, "procedural", local(3, 2))
    c["c2"] = register_case(inv, CaseCategory.PROPERTY, local(3, 3))
    s.complaints["k3"] = file_complaint(pros, "general", local(3, 3))
    c["c3"] = register_case(inv, CaseCategory.PERSON, local(3, 4))
    s.complaints["k4"] = file_complaint(pros, "general", local(3, 4))
    c["c4"] = register_case(inv, CaseCategory.DRUGS, local(3, 5))
    c["b1"] = register_case(w.investigator_b, CaseCategory.PROPERTY, local(3, 5))
    with at(local(3, 5, 12)):
        complaint_satisfy(complaint_id=s.complaints["k1"].pk, actor=pros, answer="Granted.")
    # c2: submitted 6 March, approved 11 March: 120 h against a 72 h term -> late.
    s.decisions["t2"] = draft(inv, c["c2"], DecisionKind.TERMINATION, local(3, 6), termination_ground="35-1-2")
    submit(s.decisions["t2"], local(3, 6))
    s.complaints["kb"] = file_complaint(w.prosecutor_b1, "general", local(3, 6))
    with at(local(3, 6, 12)):
        complaint_propose_refusal(
            complaint_id=s.complaints["k3"].pk, actor=pros, answer="The investigator acted within the law."
        )
    s.decisions["tb"] = terminate(w.investigator_b, w.prosecutor_b1, c["b1"], "35-1-1", local(3, 7), local(3, 7, 12))
    t1 = draft(inv, c["c1"], DecisionKind.TERMINATION, local(3, 9), termination_ground="35-1-1")
    s.decisions["t1"] = submit(t1, local(3, 9))
    with at(local(3, 9, 11)):
        complaint_record_explanation(
            complaint_id=s.complaints["k3"].pk,
            actor=senior,
            held_at=local(3, 9, 10),
            form=ExplanationForm.IN_PERSON,
            participants="The complainant and the senior prosecutor",
            summary="The reasons of the refusal were explained; the complainant was told how to appeal.",
        )
    approve(s.decisions["t1"], pros, local(3, 10))
    c["a2c1"] = register_case(w.investigator_a3, CaseCategory.TRAFFIC, local(3, 10))
    s.complaints["k6"] = file_complaint(w.prosecutor_a2, "general", local(3, 10), register=False)
    with at(local(3, 10, 12)):
        # Procedural complaint: 3 calendar days from 2 March; answered on 10 March -> late.
        complaint_partially_satisfy(complaint_id=s.complaints["k2"].pk, actor=pros, answer="Partly granted.")
    approve(s.decisions["t2"], pros, local(3, 11))
    s.decisions["t3"] = terminate(inv, pros, c["c3"], "36-reconciliation", local(3, 11, 10), local(3, 12))
    s.complaints["k5"] = file_complaint(pros, "procedural", local(3, 12))  # due 15 March: overdue now
    # c4 terminated, then the prosecutor cancels the termination: it no longer counts as terminated.
    s.decisions["t4"] = terminate(inv, pros, c["c4"], "35-1-4", local(3, 13, 9), local(3, 13, 10))
    cancel = draft(pros, c["c4"], DecisionKind.TERMINATION_CANCELLATION, local(3, 14))
    with at(local(3, 14)):
        decision_issue(decision_id=cancel.pk, actor=pros)
    # Suspect recognitions (24 h term).
    s.decisions["p1"] = recognise(inv, c["c6"], 1, local(3, 15))
    s.decisions["p2"] = recognise(inv, c["c6"], 2, local(3, 15))
    reject(s.decisions["p1"], pros, local(3, 15, 12))  # 2 h, in term: person 1 exempted
    s.decisions["p3"] = recognise(inv, c["c0"], 3, local(3, 16))
    reject(s.decisions["p2"], pros, local(3, 16, 14))  # 28 h, late
    approve(s.decisions["p3"], pros, local(3, 16, 16))  # 6 h
    s.decisions["p2b"] = recognise(inv, c["c6"], 2, local(3, 17))
    approve(s.decisions["p2b"], pros, local(3, 17, 11))  # 1 h: person 2 is a suspect after all
    # Investigative actions.
    a = s.actions
    # The search rests on the approved recognition p3 in the same case: no notice to review.
    a["search"] = record_action(inv, c["c0"], ActionKind.SEARCH, local(3, 17), basis=f"D-{s.decisions['p3'].pk}")
    a["seizure"] = record_action(inv, c["c0"], ActionKind.SEIZURE, local(3, 17))
    a["detention"] = record_action(inv, c["c6"], ActionKind.DETENTION, local(3, 17))
    a["interrogation"] = record_action(inv, c["c0"], ActionKind.INTERROGATION, local(3, 17))
    approve(notice_of(a["seizure"]), pros, local(3, 17, 12))  # 2 h: lawful
    reject(notice_of(a["detention"]), pros, local(3, 17, 15))  # 5 h: unlawful
    t0 = draft(inv, c["c0"], DecisionKind.TERMINATION, local(3, 18), termination_ground="35-1-2")
    submit(t0, local(3, 18))
    s.decisions["t0"] = give_back(t0, pros, local(3, 18, 13))  # 3 h, returned
    # Awaits review; the notice's 24 h term ended 19 March 10:00 -> overdue now.
    a["covert"] = record_action(inv, c["c6"], ActionKind.COVERT_ACTION, local(3, 18))
    for key in list(c):
        c[key].refresh_from_db()
    for obj in [*s.decisions.values(), *s.actions.values(), *s.complaints.values()]:
        obj.refresh_from_db()
    return s
