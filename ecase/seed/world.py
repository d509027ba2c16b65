"""The demo organisation tree and its users. Idempotent: rows are looked up by code / username and
written only when missing or different."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import translation

from ecase.choices import OrganisationKind as K
from ecase.choices import Role
from ecase.models import Organisation, User
from ecase.validators import make_iin

from .data import ANTI_CORRUPTION, ECONOMIC, PASSWORD, POLICE, REGIONS, district_office_name, police_name
from .names import organisation_names


def _org(orgs: dict[str, Organisation], code: str, name: str, kind: str, parent: Organisation | None) -> Organisation:
    # The name in each language (ecase.seed.names); "name" itself is the English one.
    names = organisation_names(code) or {"en": name}
    wanted = {"name": name, **{f"name_{lang}": value for lang, value in names.items()}}
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        org = Organisation(code=code, kind=kind, parent=parent)
    elif (org.kind, org.parent_id) == (kind, parent.pk if parent else None) and all(
        org.__dict__.get(field) == value for field, value in wanted.items()
    ):
        orgs[code] = org
        return org
    org.kind, org.parent = kind, parent
    org.__dict__.update(wanted)  # the columns themselves, whatever language is active
    org.full_clean()
    org.save()
    orgs[code] = org
    return org


def seed_organisations() -> dict[str, Organisation]:
    """General office -> regional offices -> district offices -> police; regional bodies and courts."""
    orgs: dict[str, Organisation] = {}
    with transaction.atomic():
        gp = _org(orgs, "gp", "General Prosecutor's Office of the Republic of Kazakhstan", K.GENERAL_OFFICE, None)
        for region in REGIONS:
            reg = _org(orgs, region.code, region.name, K.REGIONAL_OFFICE, gp)
            for suffix, district in region.districts:
                office = _org(
                    orgs, f"{region.code}-{suffix}", district_office_name(region, district), K.DISTRICT_OFFICE, reg
                )
                _org(orgs, f"{office.code}-{POLICE}", police_name(region, district), K.INVESTIGATION_BODY, office)
            _org(
                orgs,
                f"{region.code}-{ANTI_CORRUPTION}",
                f"Anti-Corruption Service Department for {region.city}",
                K.INVESTIGATION_BODY,
                reg,
            )
            _org(
                orgs,
                f"{region.code}-{ECONOMIC}",
                f"Economic Investigation Department for {region.city}",
                K.INVESTIGATION_BODY,
                reg,
            )
            _org(orgs, f"{region.code}-court", f"Specialised Investigating Court of {region.city}", K.COURT, reg)
    return orgs


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    org: str | None
    first_name: str
    last_name: str
    superuser: bool = False
    service_account: bool = False


# The users documented in the README (password for all: demo-pass-2026).
NAMED_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", Role.AUDITOR, "gp", "System", "Administrator", superuser=True),
    DemoUser("investigator", Role.INVESTIGATOR, "ala-medeu-pd", "Daniyar", "Abenov"),
    DemoUser("investigator2", Role.INVESTIGATOR, "ala-bostandyk-pd", "Aigerim", "Sarsenova"),
    DemoUser("investigator_ast", Role.INVESTIGATOR, "ast-yesil-pd", "Yerlan", "Zhakupov"),
    DemoUser("prosecutor", Role.PROSECUTOR, "ala-medeu", "Askar", "Mukhametzhanov"),
    DemoUser("senior", Role.SENIOR_PROSECUTOR, "ala-medeu", "Gulnara", "Ismailova"),
    DemoUser("senior_city", Role.SENIOR_PROSECUTOR, "ala", "Murat", "Omarov"),
    DemoUser("auditor", Role.AUDITOR, "gp", "Saule", "Akhmetova"),
    DemoUser("judge", Role.JUDGE, "ala-court", "Timur", "Kassymov"),
    DemoUser("citizen", Role.CITIZEN, None, "Aliya", "Nurpeisova"),
    DemoUser("integration", Role.INVESTIGATOR, "ala-medeu-pd", "Police records", "system", service_account=True),
)


def _staff_users(orgs: dict[str, Organisation]) -> list[DemoUser]:
    """One more member for every organisation, so every office and body of the tree has someone to act:
    ``inv.<body>`` investigators (the bulk generator registers their cases), ``pros.<office>`` prosecutors
    of the district offices, ``senior.<region>`` senior prosecutors, ``judge.<region>`` judges."""
    staff = []
    with translation.override("en"):  # their last name is the organisation's English name
        for code, org in orgs.items():
            if org.kind == K.INVESTIGATION_BODY:
                staff.append(DemoUser(f"inv.{code}", Role.INVESTIGATOR, code, "Investigator", org.name))
            elif org.kind == K.DISTRICT_OFFICE:
                staff.append(DemoUser(f"pros.{code}", Role.PROSECUTOR, code, "Prosecutor", org.name))
            elif org.kind == K.REGIONAL_OFFICE:
                staff.append(DemoUser(f"senior.{code}", Role.SENIOR_PROSECUTOR, code, "Senior prosecutor", org.name))
            elif org.kind == K.COURT:
                staff.append(DemoUser(f"judge.{code}", Role.JUDGE, code, "Judge", org.name))
    return staff


def _user(spec: DemoUser, orgs: dict[str, Organisation], serial: int, password_hash: str) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is not None:
        return user
    fields: dict[str, Any] = {
        "username": spec.username,
        "first_name": spec.first_name,
        "last_name": spec.last_name[:150],
        "email": f"{spec.username.replace('.', '-')}@ecase.example.kz",
        "role": spec.role,
        "organisation": orgs[spec.org] if spec.org else None,
        "is_superuser": spec.superuser,
        "is_staff": spec.superuser,
        "is_service_account": spec.service_account,
    }
    if spec.role == Role.CITIZEN:
        fields["iin"] = make_iin(date(1988, 4, 12), serial, male=False)
        fields["phone"] = "+77015550142"
    user = User(**fields, password=password_hash)
    user.full_clean()
    user.save()
    return user


def seed_users(orgs: dict[str, Organisation]) -> dict[str, User]:
    users: dict[str, User] = {}
    specs = (*NAMED_USERS, *_staff_users(orgs))
    existing = set(User.objects.filter(username__in=[s.username for s in specs]).values_list("username", flat=True))
    # Hashing is deliberately slow; the demo users share one password, so hash it once for all of them.
    password_hash = make_password(PASSWORD) if len(existing) < len(specs) else ""
    with transaction.atomic():
        for serial, spec in enumerate(specs, start=100):
            users[spec.username] = _user(spec, orgs, serial, password_hash)
    return users
