"""`seed_demo`: an idempotent demo world with documented users, and fast bulk generation that keeps the
register numbers and the audit chain valid."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecase.choices import ActionReview, OrganisationKind, Role
from ecase.models import AuditEvent, Case, InvestigativeAction, Organisation, Person, User
from ecase.seed import PASSWORD
from ecase.seed.world import NAMED_USERS
from ecase.validators import validate_iin

pytestmark = pytest.mark.django_db


def _seed(**options: object) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, no_progress=True, **options)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def _verify_audit() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, no_progress=True)
    return out.getvalue()


def test_seed_twice_changes_nothing():
    _seed()
    first = _counts()
    passwords = dict(User.objects.values_list("username", "password"))
    _seed()
    assert _counts() == first
    assert dict(User.objects.values_list("username", "password")) == passwords
    assert first["ecase.Case"] >= 35
    assert "intact" in _verify_audit()


def test_organisation_tree():
    _seed()
    gp = Organisation.objects.get(code="gp")
    assert gp.kind == OrganisationKind.GENERAL_OFFICE
    regions = Organisation.objects.filter(kind=OrganisationKind.REGIONAL_OFFICE, parent=gp)
    assert {"ala", "ast", "kar"} <= set(regions.values_list("code", flat=True))
    for region in regions:
        districts = Organisation.objects.filter(parent=region, kind=OrganisationKind.DISTRICT_OFFICE)
        assert 2 <= districts.count() <= 4
        for district in districts:
            assert district.children.filter(kind=OrganisationKind.INVESTIGATION_BODY).exists()
        bodies = region.children.filter(kind=OrganisationKind.INVESTIGATION_BODY)
        assert {b.code for b in bodies} == {f"{region.code}-acs", f"{region.code}-eid"}
        assert region.children.filter(kind=OrganisationKind.COURT).count() == 1
    assert Organisation.objects.get(code="ala-medeu").name == "Prosecutor's Office of Medeu district of Almaty"


def test_documented_users_log_in_with_the_documented_password():
    _seed()
    for spec in NAMED_USERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(PASSWORD), spec.username
        assert user.role == spec.role
        assert (user.organisation.code if user.organisation else None) == spec.org
    client = Client()
    response = client.post(reverse("login"), {"username": "prosecutor", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(reverse("home"), follow=True)
    assert home.status_code == 200
    assert home.wsgi_request.user.username == "prosecutor"
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="integration").is_service_account
    assert User.objects.get(username="citizen").role == Role.CITIZEN
    assert User.objects.get(username="investigator_ast").organisation.region_code == "AST"


def test_base_cases_are_realistic():
    _seed()
    medeu = Case.objects.filter(investigator__username="investigator")
    assert medeu.count() >= 8
    assert all(c.number.startswith(f"{timezone.localtime(c.registered_at).year}-ALA-") for c in medeu)
    oldest = timezone.now() - Case.objects.order_by("registered_at").first().registered_at
    assert 90 <= oldest.days <= 200
    assert Case.objects.filter(documents__isnull=False).distinct().count() >= 5
    assert InvestigativeAction.objects.filter(review=ActionReview.AWAITING_REVIEW, restricts_rights=True).exists()
    for person in Person.objects.exclude(iin=None):
        validate_iin(person.iin)
    assert Case.objects.filter(investigator__username="investigator_ast").exists()


def test_bulk_cases_keep_numbers_and_the_audit_chain_valid():
    _seed()
    before = Case.objects.count()
    last_pk = Case.objects.order_by("-pk").values_list("pk", flat=True).first()
    events_before = AuditEvent.objects.count()
    output = _seed(cases=200, seed=7, batch_size=64)
    assert "Generated 200 cases" in output
    assert Case.objects.count() == before + 200
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    new = Case.objects.filter(pk__gt=last_pk)
    assert AuditEvent.objects.count() >= events_before + 200  # apps' bulk seeders add their own events
    assert AuditEvent.objects.filter(case__in=new, action="case.registered").count() == 200
    # Numbers follow registration dates within each region and year.
    by_scope: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for number, registered_at in new.values_list("number", "registered_at"):
        by_scope[number.rsplit("-", 1)[0]].append((number, registered_at))
    for rows in by_scope.values():
        rows.sort()
        dates = [r[1] for r in rows]
        assert dates == sorted(dates)
    assert new.filter(participants__isnull=False).distinct().count() == 200
    with_iin = Person.objects.filter(participations__case__in=new).exclude(iin=None).distinct()
    assert with_iin.count() >= 200
    for iin in with_iin.values_list("iin", flat=True):
        validate_iin(iin)
    assert "intact" in _verify_audit()

    _seed(cases=30, seed=7)
    assert Case.objects.count() == before + 230
    assert "intact" in _verify_audit()
