"""About forty realistic cases, registered through the services (numbers, audit events, documents, actions).

Idempotent: a case is identified by its investigator and summary (the specs come from a fixed seed, so they
are the same on every run); an existing case is left as it is, with its participants and materials.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecase.choices import ActionKind, CaseCategory, ParticipantRole
from ecase.demo import demo_clock
from ecase.models import Case, User
from ecase.services.cases import action_record, case_document_upload, case_register, participant_add
from ecase.validators import make_iin

from .data import (
    CARS,
    FEMALE_FIRST,
    ITEMS,
    MALE_FIRST,
    OFFENCES,
    POLICE,
    REGIONS,
    SURNAMES,
    Offence,
    full_name,
)
from .pdf import make_pdf

# Fixed, so the same cases come out on every run whatever --seed says (that is what keeps this idempotent).
BASE_SEED = 20260101

# (investigator username, body code, number of cases)
BASE_CASES: tuple[tuple[str, str, int], ...] = (
    ("investigator", "ala-medeu-pd", 10),
    ("investigator2", "ala-bostandyk-pd", 6),
    ("investigator_ast", "ast-yesil-pd", 5),
    ("integration", "ala-medeu-pd", 1),
    ("inv.ala-almaly-pd", "ala-almaly-pd", 2),
    ("inv.ala-auezov-pd", "ala-auezov-pd", 2),
    ("inv.ala-acs", "ala-acs", 3),
    ("inv.ala-eid", "ala-eid", 2),
    ("inv.ast-saryarka-pd", "ast-saryarka-pd", 2),
    ("inv.ast-acs", "ast-acs", 1),
    ("inv.kar-kazybek-bi-pd", "kar-kazybek-bi-pd", 2),
    ("inv.kar-eid", "kar-eid", 1),
    ("inv.shy-al-farabi-pd", "shy-al-farabi-pd", 2),
    ("inv.shy-acs", "shy-acs", 1),
)


def body_kind(body_code: str) -> str:
    return body_code.rsplit("-", 1)[1] if body_code.endswith(("-acs", "-eid")) else POLICE


def offences_for(body_code: str) -> list[Offence]:
    kind = body_kind(body_code)
    return [o for o in OFFENCES if o.body == kind]


def places_for(body_code: str) -> tuple[str, ...]:
    region = body_code.split("-", 1)[0]
    return next(r.places for r in REGIONS if r.code == region)


def summary_for(rng: random.Random, offence: Offence, body_code: str) -> str:
    return rng.choice(offence.summaries).format(
        place=rng.choice(places_for(body_code)),
        amount=f"{rng.randrange(30, 4000) * 1000:,}",
        item=rng.choice(ITEMS),
        car=rng.choice(CARS),
        grams=rng.choice(("2.4", "5.1", "11.8", "27.3", "118.0")),
    )


@dataclass
class PersonSpec:
    name: str
    iin: str
    birth: date
    role: str


@dataclass
class CaseSpec:
    investigator: str
    body: str
    offence: Offence
    summary: str
    days_ago: int
    people: list[PersonSpec] = field(default_factory=list)
    documents: bool = False
    restricting_action: str = ""


def person(rng: random.Random, serial: int, role: str) -> PersonSpec:
    male = rng.random() < 0.55
    birth = date(1958, 1, 1) + timedelta(days=rng.randrange(0, 46 * 365))
    name = full_name(rng.choice(SURNAMES), rng.choice(MALE_FIRST if male else FEMALE_FIRST), male=male)
    return PersonSpec(name, make_iin(birth, serial, male=male), birth, role)


def base_specs() -> list[CaseSpec]:
    rng = random.Random(BASE_SEED)  # noqa: S311 - demo data, not security
    specs: list[CaseSpec] = []
    serial = 10
    for username, body, count in BASE_CASES:
        for _ in range(count):
            offence = rng.choice(offences_for(body))
            spec = CaseSpec(username, body, offence, summary_for(rng, offence, body), rng.randrange(1, 180))
            victimless = offence.category in (CaseCategory.CORRUPTION, CaseCategory.DRUGS, CaseCategory.ECONOMIC)
            roles = [] if victimless else [ParticipantRole.VICTIM]
            roles += [ParticipantRole.WITNESS] * rng.randrange(1 if victimless else 0, 3)
            for role in roles:
                spec.people.append(person(rng, serial, role))
                serial += 10
            spec.documents = rng.random() < 0.4
            specs.append(spec)
    # Rights-restricting actions recorded without an approved basis: they await the prosecutor's review.
    specs[0].restricting_action = ActionKind.SEARCH
    specs[3].restricting_action = ActionKind.SEIZURE
    specs[12].restricting_action = ActionKind.ARREST_OF_PROPERTY
    specs[0].documents = specs[1].documents = True
    return specs


def _at(registered_at: datetime, hours: int) -> datetime:
    return min(registered_at + timedelta(hours=hours), timezone.now() - timedelta(minutes=5))


def _materials(spec: CaseSpec, case: Case, actor: User) -> None:
    """The case's first day, each step at its moment (demo_clock): people at +1 h, the interrogation at +3 h,
    the documents at +5 h, an urgent action at +20 h."""
    with demo_clock(_at(case.registered_at, 1)):
        _people(spec, case, actor)
    if spec.people:
        with demo_clock(_at(case.registered_at, 3)):
            action_record(
                case_id=case.pk,
                actor=actor,
                kind=ActionKind.INTERROGATION,
                performed_at=_at(case.registered_at, 3),
                description=f"Interrogation of {spec.people[0].name} ({spec.people[0].role}).",
            )
    if spec.documents:
        with demo_clock(_at(case.registered_at, 5)):
            _documents(spec, case, actor)
    if spec.restricting_action:
        with demo_clock(_at(case.registered_at, 20)):
            action_record(
                case_id=case.pk,
                actor=actor,
                kind=spec.restricting_action,
                performed_at=_at(case.registered_at, 20),
                description="Urgent action at the suspect's residence, performed before a decision could be approved.",
            )


def _people(spec: CaseSpec, case: Case, actor: User) -> None:
    for p in spec.people:
        participant_add(
            case_id=case.pk,
            actor=actor,
            role=p.role,
            full_name=p.name,
            iin=p.iin,
            birth_date=p.birth,
            phone=f"+7 7{p.iin[8:10]} {p.iin[2:5]} {p.iin[5:9]}",
        )


def _documents(spec: CaseSpec, case: Case, actor: User) -> None:
    if spec.documents:
        lines = [
            f"Case {case.number}",
            "Protocol of the examination of the scene",
            spec.summary[:90],
            f"Investigator: {actor.get_full_name()}",
        ]
        case_document_upload(
            case_id=case.pk,
            actor=actor,
            upload=SimpleUploadedFile("protocol.pdf", make_pdf(lines), content_type="application/pdf"),
            title="Protocol of the examination of the scene",
        )
        statement = f"Statement\n\nCase {case.number}\n\n{spec.summary}\n\nSigned: {actor.get_full_name()}\n"
        case_document_upload(
            case_id=case.pk,
            actor=actor,
            upload=SimpleUploadedFile("statement.txt", statement.encode(), content_type="text/plain"),
            title="Statement of the applicant",
        )


def seed_base_cases(users: dict[str, User]) -> int:
    """Register the base cases that do not exist yet. Returns how many were created."""
    created = 0
    now = timezone.now()
    # Oldest first, so register numbers follow registration dates.
    for spec in sorted(base_specs(), key=lambda s: -s.days_ago):
        actor = users[spec.investigator]
        if Case.objects.filter(investigator=actor, summary=spec.summary).exists():
            continue
        registered_at = now - timedelta(days=spec.days_ago, hours=(spec.days_ago * 7) % 10)
        with demo_clock(registered_at):  # the case's dates and its audit events at the time of the story
            case = case_register(
                actor=actor,
                qualification=spec.offence.qualification,
                category=spec.offence.category,
                severity=spec.offence.severity,
                summary=spec.summary,
                registered_at=registered_at,
            )
        _materials(spec, case, actor)
        created += 1
    return created
