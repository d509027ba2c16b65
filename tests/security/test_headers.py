"""Security headers on every page kind: a strict Content-Security-Policy (no inline script or style),
Permissions-Policy, a request id; HSTS under the production settings' HTTPS."""

from __future__ import annotations

import re

import pytest
from django.test import Client

PAGES = {
    "login": ("/accounts/login/", None),
    "home": ("/", "investigator_a"),
    "case list": ("/cases/", "investigator_a"),
    "case register form": ("/cases/register/", "investigator_a"),
    "approvals inbox": ("/decisions/", "prosecutor_a1"),
    "court queue": ("/decisions/court/", "judge_a"),
    "complaints queue": ("/complaints/", "prosecutor_a1"),
    "public complaint form": ("/complaints/file/", None),
    "statistics": ("/stats/", "senior_a"),
    "notifications": ("/notifications/", "investigator_a"),
    "admin": ("/admin/", "superuser"),
    "api docs": ("/api/docs/", "investigator_a"),
    "api list": ("/api/v1/cases/", "investigator_a"),
    "404": ("/no-such-page/", None),
    "health": ("/healthz", None),
}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


@pytest.fixture
def as_user(world):
    def _client(who: str | None) -> Client:
        client = Client()
        if who == "superuser":
            user = world.senior_b
            user.is_staff = user.is_superuser = True
            user.save()
            client.force_login(user)
        elif who:
            client.force_login(getattr(world, who))
        return client

    return _client


@pytest.mark.parametrize("page", PAGES)
def test_headers_on_every_page_kind(as_user, page):
    url, who = PAGES[page]
    response = as_user(who).get(url, follow=False)
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
        assert not STYLE_ATTR.search(html), STYLE_ATTR.search(html)
        assert not STYLE_ELEMENT.search(html)


def test_request_id_from_the_proxy_is_kept_when_sane(db):
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="abcdef12-3456")["X-Request-ID"] == "abcdef12-3456"
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="bad id\r\n")["X-Request-ID"] != "bad id\r\n"


def test_hsts_over_https_with_the_production_values(db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
