"""The error contract: one shape {"code", "message", "fields"} for every error, and nothing a client sends
becomes a 500 or writes anything."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ecase.models import AuditEvent, Case, Document, InvestigativeAction, Participant, Person
from ecase.validators import make_iin

CASES_URL = "/api/v1/cases/"


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["fields"], dict)
    if code is not None:
        assert body["code"] == code
    return body


@pytest.fixture
def investigator(world, api_as) -> APIClient:
    return api_as(world.investigator_a)


def test_malformed_json_is_400_parse_error(world, investigator):
    response = investigator.post(CASES_URL, data='{"qualification": "188", ', content_type="application/json")
    body = assert_error(response, 400, "parse_error")
    assert body["message"].startswith("JSON parse error")


def test_deeply_nested_json_is_400_not_500(world, investigator):
    payload = "[" * 100_000 + "]" * 100_000
    response = investigator.post(CASES_URL, data=payload, content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_nan_in_json_is_400(world, investigator):
    response = investigator.post(CASES_URL, data='{"qualification": NaN}', content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_wrong_content_type_is_415(world, investigator):
    response = investigator.post(CASES_URL, data="qualification=188", content_type="text/plain")
    assert_error(response, 415, "unsupported_media_type")


def test_method_not_allowed_is_405(world, investigator):
    assert_error(investigator.delete(CASES_URL), 405, "method_not_allowed")


def test_forbidden_is_403(world, api_as):
    assert_error(api_as(world.prosecutor_a1).post(CASES_URL, {}, format="json"), 403, "permission_denied")


def test_invisible_is_404(world, api_as, make_case):
    case = make_case()
    assert_error(api_as(world.investigator_b).get(f"{CASES_URL}{case.pk}/"), 404, "not_found")


def test_oversized_body_is_413_before_it_is_read(world, investigator, settings):
    settings.REQUEST_BODY_MAX_SIZE = 1000
    response = investigator.post(CASES_URL, {"summary": "x" * 2000}, format="json")
    assert_error(response, 413, "too_large")
    assert Case.objects.count() == 0


def test_body_over_django_memory_limit_is_413(world, investigator, settings):
    # Below REQUEST_BODY_MAX_SIZE but above DATA_UPLOAD_MAX_MEMORY_SIZE: Django refuses it while reading.
    summary = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    payload = {"qualification": "188", "category": "property", "severity": "minor", "summary": summary}
    response = investigator.post(CASES_URL, payload, format="json")
    body = assert_error(response, 413, "too_large")
    assert body["message"] == "The request body is too large."
    assert Case.objects.count() == 0


def test_session_auth_enforces_csrf(world, password, make_case):
    browser = Client(enforce_csrf_checks=True)
    assert browser.login(username="investigator_a", password=password)
    assert browser.get(CASES_URL).status_code == 200  # reading with a session is fine
    payload = {"qualification": "188", "category": "property", "severity": "minor", "summary": "Theft."}
    response = browser.post(CASES_URL, data=json.dumps(payload), content_type="application/json")
    body = assert_error(response, 403, "permission_denied")
    assert "CSRF" in body["message"]
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "",
        "{id}/",
        "{id}/participants/",
        "{id}/documents/",
        "{id}/actions/",
        "{id}/history/",
        "{id}/documents/{doc}/download/",
    ],
)
def test_browsable_api_pages_render(world, investigator, make_case, path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = make_case()
    doc = investigator.post(
        f"{CASES_URL}{case.pk}/documents/",
        {"file": SimpleUploadedFile("a.txt", b"hello")},
        format="multipart",
    ).json()["id"]
    response = investigator.get(CASES_URL + path.format(id=case.pk, doc=doc), HTTP_ACCEPT="text/html")
    assert response.status_code == 200


# --- a battery of garbage ---------------------------------------------------------------------------------

HUGE = "x" * 300_000
JUNK = {"a": [{"b": [{"c": [1, 2, {"d": None}]}]}]}
VALID_IIN = make_iin(date(1990, 1, 1), 42)

CASE_GARBAGE = [
    [],
    [1, 2, 3],
    "a string",
    42,
    None,
    {"qualification": 188, "category": ["property"], "severity": {"x": 1}, "summary": None},
    {"qualification": HUGE, "category": "property", "severity": "minor", "summary": "s"},
    {"qualification": "188", "category": "property", "severity": "minor", "summary": HUGE},
    {"qualification": "188", "category": "witchcraft", "severity": "apocalyptic", "summary": "s"},
    {"qualification": "188\x00", "category": "property", "severity": "minor", "summary": "s\x00"},
    {"qualification": JUNK, "category": JUNK, "severity": JUNK, "summary": JUNK},
    {"qualification": "", "category": "", "severity": "", "summary": ""},
    {"qualification": True, "category": 1.5, "severity": -1, "summary": False},
]

PARTICIPANT_GARBAGE = [
    {"role": "suspect", "full_name": "X"},
    {"role": "king", "full_name": "X"},
    {"role": ["victim"], "full_name": {"first": "X"}},
    {"role": "victim", "full_name": HUGE},
    {"role": "victim", "full_name": "X", "iin": 123456789012},
    {"role": "victim", "full_name": "X", "iin": "1" * 12},
    {"role": "victim", "full_name": "X", "iin": VALID_IIN + "0"},
    {"role": "victim", "full_name": "X", "birth_date": "1990-02-30"},
    {"role": "victim", "full_name": "X", "birth_date": "yesterday"},
    {"role": "victim", "full_name": "X", "birth_date": 19900101},
    {"role": "victim", "full_name": "X", "email": "not-an-email"},
    {"role": "victim", "full_name": "X", "phone": HUGE},
    {"role": "victim", "full_name": "X\x00Y"},
    {"role": "victim", "full_name": JUNK, "iin": JUNK, "birth_date": JUNK},
    {},
    [],
]

ACTION_GARBAGE = [
    {"kind": "search", "performed_at": "2020-13-45T25:61:00", "description": "x"},
    {"kind": "search", "performed_at": "10000-01-01T00:00:00Z", "description": "x"},
    {"kind": "search", "performed_at": "0001-01-01T00:00:00+14:00", "description": "x"},
    {"kind": "search", "performed_at": 1700000000, "description": "x"},
    {"kind": "search", "performed_at": "2999-01-01T00:00:00Z", "description": "x"},
    {"kind": "search", "performed_at": "2000-01-01T00:00:00Z", "description": "predates the case"},
    {"kind": "alchemy", "performed_at": "2024-01-01T00:00:00Z", "description": "x"},
    {"kind": "search", "performed_at": "2024-01-01T00:00:00Z", "description": HUGE},
    {"kind": "search", "performed_at": "2024-01-01T00:00:00Z", "description": "x", "basis_reference": HUGE},
    {"kind": JUNK, "performed_at": JUNK, "description": JUNK},
    "garbage",
]

GET_GARBAGE = [
    "abc/",
    "-1/",
    "0/",
    "1.5/",
    "99999999999999999999/",
    "%00/",
    "abc/participants/",
    "abc/history/",
    "abc/documents/1/download/",
    "{id}/documents/abc/download/",
    "{id}/documents/-1/download/",
    "?page=abc",
    "?page=0",
    "?page=99999999999999999999",
    "?page_size=abc",
    "?page_size=-5",
    "?ordering=password",
    "?ordering=investigator__password",
    "?search=%00",
    "?q=%00",
    "?number=%00",
    "?search=" + "x" * 5000,
    "?registered_after=0000-00-00",
    "?registered_before=1-1-1",
    "?investigation_body=99999999999999999999",
    "?supervising_office=-1",
    "?status[]=x",
    "?category=%00",
    "{id}/history/?page=-1",
    "{id}/participants/?page_size=100000",
]


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Participant.objects.count(),
        Person.objects.count(),
        Document.objects.count(),
        InvestigativeAction.objects.count(),
        AuditEvent.objects.count(),
    )


def test_garbage_never_gives_5xx_and_writes_nothing(world, investigator, make_case):
    case = make_case()
    before = _counts()
    seen: list[tuple[str, int]] = []

    def check(response, label: str) -> None:
        assert response.status_code < 500, (label, response.status_code, response.content[:300])
        if response.status_code >= 400:
            assert_error(response, response.status_code)
        seen.append((label, response.status_code))

    for payload in CASE_GARBAGE:
        check(investigator.post(CASES_URL, payload, format="json"), f"case {str(payload)[:60]}")
    for payload in PARTICIPANT_GARBAGE:
        check(
            investigator.post(f"{CASES_URL}{case.pk}/participants/", payload, format="json"),
            f"participant {str(payload)[:60]}",
        )
    for payload in ACTION_GARBAGE:
        check(
            investigator.post(f"{CASES_URL}{case.pk}/actions/", payload, format="json"),
            f"action {str(payload)[:60]}",
        )
    for payload in [{"file": "not a file"}, {"title": HUGE}, {}]:
        check(
            investigator.post(f"{CASES_URL}{case.pk}/documents/", payload, format="multipart"),
            f"document {str(payload)[:60]}",
        )
    for path in GET_GARBAGE:
        check(investigator.get(CASES_URL + path.format(id=case.pk)), f"GET {path[:60]}")
    # Writes to URLs with nonsense ids.
    for path in ["abc/participants/", "99999999999999999999/actions/", "%00/documents/"]:
        check(investigator.post(CASES_URL + path, {"role": "witness", "full_name": "X"}, format="json"), path)

    assert _counts() == before
    # Every POST of garbage is refused as bad input (400), never silently accepted.
    posts = [status for label, status in seen if not label.startswith("GET")]
    assert all(status in (400, 404) for status in posts), seen


def test_a_date_out_of_range_is_400_not_500(world):
    client = APIClient()
    client.force_authenticate(user=world.prosecutor_a1)
    response = client.get("/api/v1/terms/calculate/", {"rule": "detention", "start": "0001-01-01T00:00"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
