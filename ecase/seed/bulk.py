"""Bulk generation for benchmarks: `seed_demo --cases N` adds N cases over the last two years.

Fast path, still consistent: register numbers are reserved through the counter (one call per region and
year, numbers in date order), rows go in with bulk_create in batches, and every case gets its
`case.registered` audit event, hash-chained in Python under the chain-head lock, so `verify_audit` passes.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from ecase.choices import CaseCategory, CaseStatus, OrganisationKind, ParticipantRole
from ecase.demo import SeedContext, seeders
from ecase.models import AuditChainHead, AuditEvent, Case, Organisation, Participant, Person, User
from ecase.services.cases import INITIAL_INVESTIGATION_TERM, case_number_reserve
from ecase.validators import iin_check_digit

from .cases import body_kind, offences_for, summary_for
from .data import ANTI_CORRUPTION, ECONOMIC, FEMALE_FIRST, MALE_FIRST, SURNAMES, Offence, full_name

DAYS_BACK = 2 * 365
BATCH_SIZE = 5000
BODY_WEIGHT = {ANTI_CORRUPTION: 0.5, ECONOMIC: 0.4}  # police departments weigh 1
VICTIMLESS = (CaseCategory.CORRUPTION, CaseCategory.DRUGS, CaseCategory.ECONOMIC)

# Bulk persons get IINs from a fixed injective walk over (birth date, serial >= 1000): index i gives the
# day (i * 7919) mod 20000 after 1950-01-01 and serial 1000 + i // 20000. Each run starts past the number
# of persons already stored, so runs never reuse an index; IINs already taken are skipped.
_IIN_DAYS = 20000
_IIN_EPOCH = date(1950, 1, 1)


@dataclass
class _Spec:
    body: Organisation
    investigator: User
    offence: Offence
    summary: str
    registered_at: datetime
    number: str = ""


def _iin_candidates(start: int) -> Iterator[tuple[str, date, bool]]:
    index = start
    while True:
        birth = _IIN_EPOCH + timedelta(days=(index * 7919) % _IIN_DAYS)
        male = index % 2 == 0
        century = (3 if birth.year < 2000 else 5) + (0 if male else 1)
        body = f"{birth:%y%m%d}{century}{1000 + index // _IIN_DAYS:04d}"
        check = iin_check_digit(body)
        index += 1
        if check is not None:
            yield f"{body}{check}", birth, male


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.iins = _iin_candidates(Person.objects.count())

    def make(self, n: int) -> list[Person]:
        drawn = [next(self.iins) for _ in range(n)]
        taken = set(Person.objects.filter(iin__in=[d[0] for d in drawn]).values_list("iin", flat=True))
        while taken:
            # Someone else (a complaint, a hand-made person) already holds a few of these: draw replacements.
            drawn = [d for d in drawn if d[0] not in taken]
            extra = [next(self.iins) for _ in range(n - len(drawn))]
            taken = set(Person.objects.filter(iin__in=[d[0] for d in extra]).values_list("iin", flat=True))
            drawn += extra
        rng = self.rng
        return [
            Person(
                full_name=full_name(rng.choice(SURNAMES), rng.choice(MALE_FIRST if male else FEMALE_FIRST), male=male),
                iin=iin,
                birth_date=birth,
            )
            for iin, birth, male in drawn
        ]


def _specs(ctx: SeedContext, count: int) -> list[_Spec]:
    rng = ctx.rng
    bodies = [o for o in ctx.orgs.values() if o.kind == OrganisationKind.INVESTIGATION_BODY]
    weights = [BODY_WEIGHT.get(body_kind(b.code), 1.0) for b in bodies]
    offences = {b.code: offences_for(b.code) for b in bodies}
    investigators = {b.code: ctx.users[f"inv.{b.code}"] for b in bodies}
    now = timezone.now().astimezone(UTC)
    specs = []
    for body in rng.choices(bodies, weights=weights, k=count):
        offence = rng.choice(offences[body.code])
        registered_at = now - timedelta(
            seconds=rng.randrange(3600, DAYS_BACK * 86400), microseconds=rng.randrange(10**6)
        )
        specs.append(
            _Spec(body, investigators[body.code], offence, summary_for(rng, offence, body.code), registered_at)
        )
    # Numbers in date order within each region and year, reserved in one call per (region, year).
    specs.sort(key=lambda s: s.registered_at)
    groups: dict[tuple[str, int], list[_Spec]] = defaultdict(list)
    for spec in specs:
        groups[(spec.body.region_code, timezone.localtime(spec.registered_at).year)].append(spec)
    for (region, year), group in groups.items():
        for spec, number in zip(group, case_number_reserve(region=region, year=year, count=len(group)), strict=True):
            spec.number = number
    return specs


def _insert_batch(batch: Sequence[_Spec], people: _People, rng: random.Random) -> list[int]:
    with transaction.atomic():
        cases = Case.objects.bulk_create(
            [
                Case(
                    number=s.number,
                    investigation_body=s.body,
                    investigator=s.investigator,
                    supervising_office_id=s.body.parent_id,
                    qualification=s.offence.qualification,
                    category=str(s.offence.category),
                    severity=str(s.offence.severity),
                    summary=s.summary,
                    registered_at=s.registered_at,
                    status_changed_at=s.registered_at,
                    term_expires_at=s.registered_at + INITIAL_INVESTIGATION_TERM,
                )
                for s in batch
            ]
        )
        roles: list[tuple[Case, _Spec, str]] = []
        for case, spec in zip(cases, batch, strict=True):
            if spec.offence.category not in VICTIMLESS:
                roles.append((case, spec, ParticipantRole.VICTIM))
            if spec.offence.category in VICTIMLESS or rng.random() < 0.5:
                roles.append((case, spec, ParticipantRole.WITNESS))
        persons = Person.objects.bulk_create(people.make(len(roles)))
        Participant.objects.bulk_create(
            [
                Participant(
                    case=case, person=person, role=role, added_at=spec.registered_at, added_by=spec.investigator
                )
                for (case, spec, role), person in zip(roles, persons, strict=True)
            ]
        )
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev_hash = head.last_seq, head.last_hash
        events = []
        for case, spec in zip(cases, batch, strict=True):
            seq += 1
            investigator = spec.investigator
            event = AuditEvent(
                seq=seq,
                occurred_at=spec.registered_at,
                actor=investigator,
                actor_name=investigator.get_full_name() or investigator.get_username(),
                action="case.registered",
                object_type="ecase.case",
                object_id=str(case.pk),
                case=case,
                to_state=str(CaseStatus.INVESTIGATING),
                data={
                    "category": str(spec.offence.category),
                    "number": spec.number,
                    "qualification": spec.offence.qualification,
                },
                prev_hash=prev_hash,
            )
            event.hash = prev_hash = event.compute_hash()
            events.append(event)
        AuditEvent.objects.bulk_create(events)
        AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev_hash)
    return [c.pk for c in cases]


def seed_bulk(ctx: SeedContext, *, count: int, batch_size: int = BATCH_SIZE) -> tuple[int, dict[str, float]]:
    """Add `count` cases (with participants and audit events), then each app's bulk rows for them.
    Returns the number of cases added and the seconds spent per part (ecase's own and each seeder's)."""
    started = time.monotonic()
    specs = _specs(ctx, count)
    people = _People(ctx.rng)
    bulk_seeders = [s for s in seeders() if s.bulk is not None]
    seconds: dict[str, float] = defaultdict(float)
    seconds["ecase"] = time.monotonic() - started
    added = 0
    with tqdm(total=count, unit="case", disable=not ctx.progress, desc="cases", dynamic_ncols=True) as bar:
        for start in range(0, count, batch_size):
            batch = specs[start : start + batch_size]
            mark = time.monotonic()
            case_ids = _insert_batch(batch, people, ctx.rng)
            seconds["ecase"] += time.monotonic() - mark
            added += len(case_ids)
            for seeder in bulk_seeders:
                assert seeder.bulk is not None  # noqa: S101 - filtered above; for the type checker
                mark = time.monotonic()
                seeder.bulk(ctx, case_ids)
                seconds[seeder.name] += time.monotonic() - mark
            bar.update(len(batch))
    return added, dict(seconds)
