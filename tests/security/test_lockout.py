"""Login lockout (django-axes) on the three log-in paths: the web form, the admin and the API token.

The 5th failure locks the account and the address for LOGIN_LOCKOUT_MINUTES; the 6th attempt, even with
the right password, gets the lockout message with the wait, until the lockout ends or an admin lifts it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecase.models import AuditEvent, User
from ecase.models.notifications import Notification

WRONG = "wrong-password-0"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()  # the API token endpoint's own rate limit lives in the cache
    yield
    cache.clear()


@pytest.fixture
def admin_user(world, password) -> User:
    user = world.prosecutor_a1
    user.is_staff = True
    user.is_superuser = True
    user.save()
    return user


def _web(client: Client, username: str, pwd: str):
    return client.post(reverse("login"), {"username": username, "password": pwd})


def _admin(client: Client, username: str, pwd: str):
    return client.post(reverse("admin:login"), {"username": username, "password": pwd, "next": "/admin/"})


def _api(client: Client, username: str, pwd: str):
    return client.post(reverse("auth-token"), {"username": username, "password": pwd}, content_type="application/json")


PATHS = {"web": _web, "admin": _admin, "api": _api}


def _logged_in(path: str, response) -> bool:
    if path == "api":
        return response.status_code == 201
    return response.status_code == 302


def _refused(path: str, response) -> bool:
    if path == "api":
        return response.status_code == 400
    return response.status_code == 200  # the form again, with its error


def _assert_lockout(path: str, response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    if path == "api":
        body = response.json()
        assert body["code"] == "locked_out"
        assert "try again in 15 minutes" in body["message"]
    else:
        assert "try again in 15 minutes" in response.content.decode()


@pytest.mark.parametrize("path", PATHS)
def test_sixth_attempt_is_locked_out_even_with_the_right_password(world, admin_user, password, path):
    attempt = PATHS[path]
    client = Client()
    for _ in range(4):
        assert _refused(path, attempt(client, admin_user.username, WRONG))
    _assert_lockout(path, attempt(client, admin_user.username, WRONG))  # the 5th failure locks
    _assert_lockout(path, attempt(client, admin_user.username, WRONG))
    right = attempt(client, admin_user.username, password)
    _assert_lockout(path, right)
    assert "_auth_user_id" not in client.session
    # Exactly one audit event for the lockout, and every auditor told in the app.
    events = AuditEvent.objects.filter(action="login.locked_out")
    assert events.count() == 1
    assert events.get().object_id == str(admin_user.pk)
    assert Notification.objects.filter(user=world.auditor, level="urgent").count() == 1
    # Once the lockout has run out, the right password works again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _logged_in(path, attempt(Client(), admin_user.username, password))


def test_lockout_is_per_address(world, password):
    client = Client(REMOTE_ADDR="10.1.1.1")
    for i in range(5):
        _web(client, f"nobody{i}", WRONG)
    _assert_lockout("web", _web(client, world.investigator_a.username, password))
    assert _logged_in("web", _web(Client(REMOTE_ADDR="10.1.1.2"), world.investigator_a.username, password))


def test_lockout_is_per_account(world, password):
    for i in range(5):
        _web(Client(REMOTE_ADDR=f"10.2.0.{i + 1}"), world.investigator_a.username, WRONG)
    _assert_lockout("web", _web(Client(REMOTE_ADDR="10.2.1.1"), world.investigator_a.username, password))


def test_a_client_sent_forwarded_for_does_not_dodge_the_lockout(world):
    client = Client(REMOTE_ADDR="10.3.0.1")
    for i in range(5):
        client.post(reverse("login"), {"username": f"x{i}", "password": WRONG}, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}")
    response = client.post(reverse("login"), {"username": "y", "password": WRONG}, HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429


def test_an_admin_lifts_the_lockout(world, admin_user, password):
    for _ in range(5):
        _web(Client(), world.investigator_a.username, WRONG)
    _assert_lockout("web", _web(Client(), world.investigator_a.username, password))
    admin = Client()
    admin.force_login(admin_user)
    attempt = AccessAttempt.objects.get(username=world.investigator_a.username)
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    lifted = AuditEvent.objects.get(action="login.lockout_lifted")
    assert lifted.actor == admin_user and lifted.object_id == str(world.investigator_a.pk)
    assert _logged_in("web", _web(Client(), world.investigator_a.username, password))


def test_lockout_message_is_translated(world):
    client = Client()
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "ghost", "password": WRONG}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert "15 минут" in response.content.decode()
