"""Shared fixtures: a small organisation tree with one user per role, and service guards for CI.

The world:
    gp (General Prosecutor's Office)                      auditor
    ├── reg-a (regional office A)                          senior_a
    │   ├── dist-a1 (district office A1)                   prosecutor_a1, senior_a1
    │   │   └── police-a1 (investigation body)             investigator_a, investigator_a2
    │   ├── dist-a2 (district office A2)                   prosecutor_a2
    │   │   └── police-a2 (investigation body)             investigator_a3
    │   └── court-a (investigating court)                  judge_a
    └── reg-b (regional office B)                          senior_b
        └── dist-b1 (district office B1)                   prosecutor_b1
            └── police-b1 (investigation body)             investigator_b
    citizen, citizen2 (no organisation)
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.db import connection
from rest_framework.test import APIClient

from ecase.choices import OrganisationKind as K
from ecase.choices import Role
from ecase.models import Organisation, User
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"

# One set of browser fixtures (one Playwright instance per session) for every test directory.
pytest_plugins = ["tests.browser_fixtures"]


def _missing(service: str) -> None:
    if IN_CI:
        pytest.fail(f"{service} is required under CI=true but is not available")
    pytest.skip(f"{service} not available")


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings, tmp_path) -> None:
    """Each test writes its audit checkpoints to a fresh directory (the store is outside the database)."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


@pytest.fixture
def require_postgres() -> None:
    """Skip outside CI when the tests do not run on PostgreSQL; fail under CI=true."""
    if connection.vendor != "postgresql":
        _missing("PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def redis_url() -> str:
    """The Redis URL from REDIS_URL, checked to answer. Skips outside CI, fails under CI=true."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        _missing("Redis (set REDIS_URL)")
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=2):
            pass
    except OSError:
        _missing(f"Redis at {url}")
    return url


@dataclass
class World:
    gp: Organisation
    reg_a: Organisation
    dist_a1: Organisation
    dist_a2: Organisation
    police_a1: Organisation
    police_a2: Organisation
    court_a: Organisation
    reg_b: Organisation
    dist_b1: Organisation
    police_b1: Organisation
    auditor: User
    senior_a: User
    senior_a1: User
    prosecutor_a1: User
    prosecutor_a2: User
    investigator_a: User
    investigator_a2: User
    investigator_a3: User
    judge_a: User
    senior_b: User
    prosecutor_b1: User
    investigator_b: User
    citizen: User
    citizen2: User


def _org(code: str, kind: str, parent: Organisation | None, name: str) -> Organisation:
    return OrganisationFactory(code=code, kind=kind, parent=parent, name=name)


def _user(username: str, role: str, org: Organisation | None) -> User:
    return UserFactory(username=username, role=role, organisation=org)


@pytest.fixture
def world(db) -> World:
    gp = _org("gp", K.GENERAL_OFFICE, None, "General Prosecutor's Office")
    reg_a = _org("reg-a", K.REGIONAL_OFFICE, gp, "Regional office A")
    dist_a1 = _org("dist-a1", K.DISTRICT_OFFICE, reg_a, "District office A1")
    dist_a2 = _org("dist-a2", K.DISTRICT_OFFICE, reg_a, "District office A2")
    police_a1 = _org("police-a1", K.INVESTIGATION_BODY, dist_a1, "Police department A1")
    police_a2 = _org("police-a2", K.INVESTIGATION_BODY, dist_a2, "Police department A2")
    court_a = _org("court-a", K.COURT, reg_a, "Investigating court A")
    reg_b = _org("reg-b", K.REGIONAL_OFFICE, gp, "Regional office B")
    dist_b1 = _org("dist-b1", K.DISTRICT_OFFICE, reg_b, "District office B1")
    police_b1 = _org("police-b1", K.INVESTIGATION_BODY, dist_b1, "Police department B1")
    return World(
        gp=gp,
        reg_a=reg_a,
        dist_a1=dist_a1,
        dist_a2=dist_a2,
        police_a1=police_a1,
        police_a2=police_a2,
        court_a=court_a,
        reg_b=reg_b,
        dist_b1=dist_b1,
        police_b1=police_b1,
        auditor=_user("auditor", Role.AUDITOR, gp),
        senior_a=_user("senior_a", Role.SENIOR_PROSECUTOR, reg_a),
        senior_a1=_user("senior_a1", Role.SENIOR_PROSECUTOR, dist_a1),
        prosecutor_a1=_user("prosecutor_a1", Role.PROSECUTOR, dist_a1),
        prosecutor_a2=_user("prosecutor_a2", Role.PROSECUTOR, dist_a2),
        investigator_a=_user("investigator_a", Role.INVESTIGATOR, police_a1),
        investigator_a2=_user("investigator_a2", Role.INVESTIGATOR, police_a1),
        investigator_a3=_user("investigator_a3", Role.INVESTIGATOR, police_a2),
        judge_a=_user("judge_a", Role.JUDGE, court_a),
        senior_b=_user("senior_b", Role.SENIOR_PROSECUTOR, reg_b),
        prosecutor_b1=_user("prosecutor_b1", Role.PROSECUTOR, dist_b1),
        investigator_b=_user("investigator_b", Role.INVESTIGATOR, police_b1),
        citizen=_user("citizen", Role.CITIZEN, None),
        citizen2=_user("citizen2", Role.CITIZEN, None),
    )


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as(api):
    """api_as(user) -> an APIClient authenticated as that user (forced authentication)."""

    def _as(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return _as


@pytest.fixture
def make_case(world):
    """make_case(investigator=..., **fields) registers a case through the service."""
    from ecase.choices import CaseCategory, Severity
    from ecase.services.cases import case_register

    def _make(investigator: User | None = None, **fields):
        defaults = {
            "qualification": "188 p.2",
            "category": CaseCategory.PROPERTY,
            "severity": Severity.MEDIUM,
            "summary": "Theft of a mobile phone at the central market.",
        }
        defaults.update(fields)
        return case_register(actor=investigator or world.investigator_a, **defaults)

    return _make


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English, whatever language an earlier test's request activated in this thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
