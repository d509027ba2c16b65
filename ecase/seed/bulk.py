"""Bulk generation for benchmarks: `seed_demo --cases N` adds N cases over the last two years.

Fast path, still consistent: register numbers are reserved through the counter (one call per region and
year, numbers in date order), rows go in batches with COPY (`ecase.seed.rows`; bulk_create on SQLite), and
every case gets its `case.registered` audit event, hash-chained in Python under the chain-head lock, so
`verify_audit` passes. Each batch (its cases and every app's bulk rows for them) is one transaction.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from ecase.choices import CaseCategory, CaseStatus, OrganisationKind, ParticipantRole
from ecase.demo import SeedContext, seeders
from ecase.models import Case, Organisation, Participant, Person, User
from ecase.services.cases import case_number_reserve
from ecase.terms.engine import EndMemo
from ecase.terms.selectors import investigation_term
from ecase.validators import iin_check_digit

from .cases import body_kind, offences_for, summary_for
from .data import ANTI_CORRUPTION, ECONOMIC, FEMALE_FIRST, MALE_FIRST, SURNAMES, Offence, full_name
from .rows import AuditChain, insert_rows

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

    def make(self, n: int) -> list[tuple[str, str, date]]:
        """`n` new people as (full name, IIN, birth date) rows."""
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
            (full_name(rng.choice(SURNAMES), rng.choice(MALE_FIRST if male else FEMALE_FIRST), male=male), iin, birth)
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


_CASE_COLUMNS = (
    "number",
    "investigation_body_id",
    "investigator_id",
    "supervising_office_id",
    "qualification",
    "category",
    "severity",
    "summary",
    "registered_at",
    "status",
    "status_changed_at",
    "term_expires_at",
)


def _insert_batch(batch: Sequence[_Spec], people: _People, rng: random.Random) -> list[int]:
    """The batch's cases, their victims and witnesses, and a `case.registered` event each. Runs inside the
    batch's transaction (see seed_bulk)."""
    investigating = str(CaseStatus.INVESTIGATING)
    ends = EndMemo()
    terms = {category: investigation_term(category) for category in {s.offence.category for s in batch}}
    case_ids = insert_rows(
        Case,
        _CASE_COLUMNS,
        [
            (
                s.number,
                s.body.pk,
                s.investigator.pk,
                s.body.parent_id,
                s.offence.qualification,
                str(s.offence.category),
                str(s.offence.severity),
                s.summary,
                s.registered_at,
                investigating,
                s.registered_at,
                ends.end(terms[s.offence.category], s.registered_at),
            )
            for s in batch
        ],
    )
    roles: list[tuple[int, _Spec, str]] = []
    for case_id, spec in zip(case_ids, batch, strict=True):
        if spec.offence.category not in VICTIMLESS:
            roles.append((case_id, spec, ParticipantRole.VICTIM))
        if spec.offence.category in VICTIMLESS or rng.random() < 0.5:
            roles.append((case_id, spec, ParticipantRole.WITNESS))
    person_ids = insert_rows(Person, ("full_name", "iin", "birth_date"), people.make(len(roles)))
    insert_rows(
        Participant,
        ("case_id", "person_id", "role", "added_at", "added_by_id"),
        [
            (case_id, person_id, str(role), spec.registered_at, spec.investigator.pk)
            for (case_id, spec, role), person_id in zip(roles, person_ids, strict=True)
        ],
        return_ids=False,
    )
    chain = AuditChain()
    for case_id, spec in zip(case_ids, batch, strict=True):
        chain.add(
            occurred_at=spec.registered_at,
            actor=spec.investigator,
            action="case.registered",
            object_type=Case._meta.label_lower,
            object_id=case_id,
            case_id=case_id,
            to_state=investigating,
            data={
                "category": str(spec.offence.category),
                "number": spec.number,
                "qualification": spec.offence.qualification,
            },
        )
    chain.write()
    return case_ids


def _fast_commits() -> None:
    """Seeding only: the batch's commit does not wait for the WAL flush (a crash loses at most the last
    batches, never consistency), which saves a disk flush per batch."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


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
            # One transaction per batch: its cases and every app's rows for them commit together.
            with transaction.atomic():
                _fast_commits()
                mark = time.monotonic()
                case_ids = _insert_batch(batch, people, ctx.rng)
                seconds["ecase"] += time.monotonic() - mark
                for seeder in bulk_seeders:
                    assert seeder.bulk is not None  # noqa: S101 - filtered above; for the type checker
                    mark = time.monotonic()
                    seeder.bulk(ctx, case_ids)
                    seconds[seeder.name] += time.monotonic() - mark
                mark = time.monotonic()
            seconds["commit"] += time.monotonic() - mark
            added += len(case_ids)
            bar.update(len(batch))
    return added, dict(seconds)
