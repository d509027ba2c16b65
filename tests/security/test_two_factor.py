"""Second factor (django-otp): with OTP_REQUIRED on (the production default), a staff login must pass a
TOTP code; enrolment shows a server-rendered QR and the key, then recovery codes once. API bearer tokens
are unaffected. The TOTP codes here are computed by the test itself (RFC 6238), from the key on the page."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from ecase.models import AuditEvent


def totp(secret_b32: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED = True


def _password_login(client: Client, user, password: str) -> None:
    response = client.post("/accounts/login/", {"username": user.username, "password": password})
    assert response.status_code == 302


def test_staff_login_needs_a_totp_code(world, password):
    client = Client()
    _password_login(client, world.investigator_a, password)
    # The password alone does not open the case register: first the second factor.
    response = client.get("/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/setup/")
    page = client.get("/accounts/2fa/setup/").content.decode()
    assert 'src="data:image/svg+xml' in page  # the QR code, rendered on the server
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    assert (
        client.post("/accounts/2fa/setup/", {"token": "000000" if totp(secret) != "000000" else "111111"}).status_code
        == 200
    )
    assert client.get("/cases/").status_code == 302  # a wrong code does not enrol
    # django-otp throttles a device after a failure (1 s, doubling): the right code comes a little later.
    with time_machine.travel(time.time() + 2):
        response = client.post("/accounts/2fa/setup/", {"token": totp(secret), "next": "/cases/"})
    assert response.status_code == 200
    html = response.content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)
    assert len(codes) == 10, html[html.find("<main") :][:1500]
    assert len(codes) == 10
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(action="otp.enrolled", object_id=str(world.investigator_a.pk)).exists()

    # A new session: password, then the TOTP of the next time step (a code is never accepted twice).
    second = Client()
    _password_login(second, world.investigator_a, password)
    assert second.get("/cases/").status_code == 302
    response = second.post("/accounts/2fa/", {"token": totp(secret, at=time.time() + 30), "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert second.get("/cases/").status_code == 200

    # A recovery code works once.
    for expected in (302, 200):
        third = Client()
        _password_login(third, world.investigator_a, password)
        response = third.post("/accounts/2fa/", {"token": codes[0], "next": "/cases/"})
        assert response.status_code == expected
    assert AuditEvent.objects.filter(action="otp.recovery_code_used").count() == 1


def test_admin_needs_the_second_factor_too(world, password):
    admin = world.senior_b
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.post("/admin/login/", {"username": admin.username, "password": password, "next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")


def test_a_session_without_the_second_factor_cannot_use_the_api(world, password):
    client = Client()
    _password_login(client, world.prosecutor_a1, password)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


def test_api_bearer_tokens_are_unaffected(world, password):
    client = Client()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": world.prosecutor_a1.username, "password": password},
        content_type="application/json",
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_citizens_need_no_second_factor(world, password):
    client = Client()
    _password_login(client, world.citizen, password)
    assert client.get("/complaints/my/").status_code == 200


def test_optional_when_the_setting_is_off(world, password, settings):
    settings.OTP_REQUIRED = False
    client = Client()
    _password_login(client, world.investigator_a, password)
    assert client.get("/cases/").status_code == 200
    assert client.get("/accounts/2fa/setup/").status_code == 200  # enrolment is still offered


def test_seed_demo_refuses_under_production_settings(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", "--no-progress")
