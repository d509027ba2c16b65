"""Service accounts: tokens (hashed, expiring, rotated, revoked), scopes on every endpoint, attribution in the
audit trail, the per-account rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecase.models import AuditEvent, Case
from integrations.models import ServiceToken
from integrations.scopes import Scope
from integrations.services.accounts import service_token_issue, service_token_revoke, token_hash
from tests.integrations.conftest import CASE

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_hashed_and_works(make_service):
    service = make_service()
    stored = ServiceToken.objects.get(account=service.account)
    assert stored.key_hash == token_hash(service.token)
    assert service.token not in stored.key_hash
    response = service.client().get("/api/v1/cases/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None and stored.last_used_ip == "10.1.2.3"


def test_a_revoked_token_gets_401(make_service):
    service = make_service()
    service_token_revoke(token_id=service.account.tokens.get().pk, actor=None)
    response = service.client().get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_an_expired_token_gets_401(make_service):
    service = make_service()
    ServiceToken.objects.filter(account=service.account).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert service.client().get("/api/v1/cases/").status_code == 401


def test_an_unknown_service_token_gets_401(make_service):
    service = make_service()
    service.token = "ecs_" + "x" * 43
    assert service.client().get("/api/v1/cases/").status_code == 401


def test_rotation_keeps_the_old_token_for_the_grace_period_only(make_service):
    service = make_service()
    old = service.token
    _new, raw = service_token_issue(account_id=service.account.pk, actor=None, grace=timedelta(hours=1))
    service.token = raw
    assert service.client().get("/api/v1/cases/").status_code == 200
    service.token = old
    assert service.client().get("/api/v1/cases/").status_code == 200  # still in its grace period
    old_row = ServiceToken.objects.get(key_hash=token_hash(old))
    assert old_row.expires_at <= timezone.now() + timedelta(hours=1)
    ServiceToken.objects.filter(pk=old_row.pk).update(expires_at=timezone.now())
    assert service.client().get("/api/v1/cases/").status_code == 401


@pytest.mark.parametrize(
    ("scopes", "method", "path", "expected"),
    [
        ([Scope.CASES_READ], "get", "/api/v1/cases/", 200),
        ([Scope.DECISIONS_READ], "get", "/api/v1/cases/", 403),
        ([Scope.CASES_READ], "post", "/api/v1/cases/", 403),
        ([Scope.CASES_WRITE], "post", "/api/v1/cases/", 201),
        ([Scope.CASES_READ], "get", "/api/v1/stats/", 403),
        ([Scope.CASES_READ], "get", "/api/v1/events/", 403),
        ([Scope.EVENTS_READ], "get", "/api/v1/events/", 200),
        ([Scope.CASES_READ], "get", "/api/v1/notifications/", 403),  # no scope covers it: refused
    ],
)
def test_scopes_are_checked_on_every_endpoint(make_service, scopes, method, path, expected):
    service = make_service(scopes=scopes)
    response = getattr(service.client(), method)(path, CASE if method == "post" else None, format="json")
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["code"] == "permission_denied"


def test_the_role_still_applies_under_the_scopes(make_service, world):
    service = make_service(organisation=world.dist_a1, role="prosecutor", scopes=[Scope.CASES_WRITE])
    assert service.client().post("/api/v1/cases/", CASE, format="json").status_code == 403


def test_a_change_by_a_service_account_is_attributed_to_it(make_service):
    service = make_service(name="Police records system")
    response = service.client().post("/api/v1/cases/", CASE, format="json")
    assert response.status_code == 201
    event = AuditEvent.objects.get(action="case.registered", object_id=str(response.json()["id"]))
    assert event.actor_id == service.account.user_id
    assert event.actor_name == "Police records system"
    assert Case.objects.get(pk=response.json()["id"]).investigator_id == service.account.user_id


def test_the_rate_limit_answers_429_with_retry_after(make_service, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}}
    service = make_service()
    service.account.rate_limit_per_minute = 3
    service.account.save()
    client = service.client()
    codes = [client.get("/api/v1/cases/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/cases/")
    assert response.json()["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_management_command_prints_a_working_token(world, capsys):
    call_command("service_account_create", "stats-bureau", organisation="gp", role="auditor", scope=["stats:read"])
    out = capsys.readouterr().out
    raw = out.split("token (shown once): ")[1].strip()
    assert ServiceToken.objects.filter(key_hash=token_hash(raw)).exists()
    assert AuditEvent.objects.filter(action="service_account.created").count() == 1
