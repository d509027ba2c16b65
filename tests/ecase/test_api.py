"""The register API: tokens, visibility of cases on every URL under them, registration, organisations."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from ecase.choices import CaseCategory, CaseStatus, OrganisationKind, Role
from ecase.models import ApiToken, AuditEvent, Case
from ecase.services.tokens import token_issue
from tests.factories import UserFactory

TOKEN_URL = "/api/v1/auth/token/"
CASES_URL = "/api/v1/cases/"


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # Rate-limit counters live in the cache (Redis when REDIS_URL is set); each test starts from zero.
    cache.clear()
    yield
    cache.clear()


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def auth_rate() -> int:
    throttle = ScopedRateThrottle()
    num, _duration = throttle.parse_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth"])
    return num


# --- tokens -----------------------------------------------------------------------------------------------


def test_token_issue_and_use(world, api, password):
    response = api.post(TOKEN_URL, {"username": "investigator_a", "password": password}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"token", "token_type", "expires_at"}
    assert body["token_type"] == "Bearer"
    stored = ApiToken.objects.get(user=world.investigator_a)
    # Stored hashed, never in the clear.
    assert stored.key_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in (stored.key_hash, stored.prefix)
    assert abs(stored.expires_at - (timezone.now() + settings.API_TOKEN_LIFETIME)) < timedelta(minutes=1)

    assert bearer(body["token"]).get(CASES_URL).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "investigator_a", "password": "wrong-password"},
        {"username": "nobody", "password": "correct-horse-battery"},
    ],
)
def test_token_wrong_credentials_are_400_with_message(world, api, payload):
    response = api.post(TOKEN_URL, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "provided username and password" in body["message"]
    assert body["fields"]["non_field_errors"] == [body["message"]]
    assert ApiToken.objects.count() == 0


def test_token_missing_fields_are_field_errors(world, api):
    response = api.post(TOKEN_URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"username", "password"}


def test_inactive_user_gets_no_token_and_loses_existing_ones(world, api, password):
    _token, raw = token_issue(user=world.investigator_a)
    world.investigator_a.is_active = False
    world.investigator_a.save()
    response = api.post(TOKEN_URL, {"username": "investigator_a", "password": password}, format="json")
    assert response.status_code == 400
    assert bearer(raw).get(CASES_URL).status_code == 401


def test_token_service_refuses_inactive_users(world):
    world.citizen.is_active = False
    with pytest.raises(PermissionDenied):
        token_issue(user=world.citizen)
    assert ApiToken.objects.count() == 0


def test_service_account_uses_the_same_endpoint(world, api, password, make_case):
    make_case()
    UserFactory(
        username="police-records", role=Role.INVESTIGATOR, organisation=world.police_a1, is_service_account=True
    )
    response = api.post(TOKEN_URL, {"username": "police-records", "password": password}, format="json")
    assert response.status_code == 201
    listing = bearer(response.json()["token"]).get(CASES_URL)
    assert listing.status_code == 200
    assert listing.json()["count"] == 1  # its organisation's rights, nothing more


def test_citizen_may_get_a_token_but_sees_no_case(world, api, password, make_case):
    make_case()
    response = api.post(TOKEN_URL, {"username": "citizen", "password": password}, format="json")
    assert response.status_code == 201
    assert bearer(response.json()["token"]).get(CASES_URL).json()["count"] == 0


def test_token_expires(world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        _token, raw = token_issue(user=world.investigator_a)
        assert bearer(raw).get(CASES_URL).status_code == 200
        traveller.shift(settings.API_TOKEN_LIFETIME - timedelta(seconds=1))
        assert bearer(raw).get(CASES_URL).status_code == 200
        traveller.shift(timedelta(seconds=2))
        response = bearer(raw).get(CASES_URL)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Bearer"


def test_token_revoke(world):
    token, raw = token_issue(user=world.investigator_a)
    other, other_raw = token_issue(user=world.investigator_a)
    client = bearer(raw)
    assert client.delete(TOKEN_URL).status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = client.get(CASES_URL)
    assert response.status_code == 401
    assert response.json()["message"] == "The token is invalid, expired or revoked."
    # Only the token of the request is revoked.
    assert bearer(other_raw).get(CASES_URL).status_code == 200


def test_revoke_needs_a_token(world, api):
    response = api.delete(TOKEN_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_unauthenticated_is_401_with_bearer_challenge(world, api):
    response = api.get(CASES_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Authentication credentials were not provided.",
        "fields": {},
    }


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer not-a-token", "Bearer \u00e9\u00e9"])
def test_bad_authorization_headers_are_401(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    response = client.get(CASES_URL)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_token_endpoint_is_throttled_per_address(world, api, settings):
    settings.AXES_ENABLED = False  # the rate limit is its own layer; the lockout: tests/security/test_lockout.py
    rate = auth_rate()
    for i in range(rate):
        response = api.post(TOKEN_URL, {"username": f"guess{i}", "password": "x"}, format="json")
        assert response.status_code == 400
    response = api.post(TOKEN_URL, {"username": "another", "password": "x"}, format="json")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled" and body["fields"] == {}
    assert int(response["Retry-After"]) > 0
    # A client-supplied X-Forwarded-For does not reset the counter (API_NUM_PROXIES = 0).
    spoofed = api.post(TOKEN_URL, {"username": "x", "password": "x"}, format="json", HTTP_X_FORWARDED_FOR="10.9.8.7")
    assert spoofed.status_code == 429


def test_token_endpoint_is_throttled_per_username(world, password, settings):
    settings.AXES_ENABLED = False  # the rate limit is its own layer; the lockout: tests/security/test_lockout.py
    rate = auth_rate()
    for i in range(rate):
        client = APIClient(REMOTE_ADDR=f"10.0.0.{i + 1}")
        assert client.post(TOKEN_URL, {"username": "prosecutor_a1", "password": "x"}).status_code == 400
    # Even with the right password from a fresh address: this account has had enough attempts for now.
    client = APIClient(REMOTE_ADDR="10.0.1.1")
    response = client.post(TOKEN_URL, {"username": "prosecutor_a1", "password": password})
    assert response.status_code == 429
    assert ApiToken.objects.count() == 0


# --- visibility -------------------------------------------------------------------------------------------

CASE_URLS = ["{id}/", "{id}/participants/", "{id}/documents/", "{id}/actions/", "{id}/history/"]
VISIBILITY = [
    ("investigator_a", 200),  # author
    ("investigator_a2", 200),  # same body
    ("prosecutor_a1", 200),  # supervising district office
    ("senior_a1", 200),
    ("senior_a", 200),  # regional office above it
    # Least privilege (issue 16): the auditor reads no case contents; a judge only cases with a decision
    # filed with his court (none here). The full table: tests/security/test_least_privilege.py.
    ("auditor", 404),
    ("judge_a", 404),
    ("prosecutor_a2", 404),  # sibling district
    ("investigator_a3", 404),  # body of the sibling district
    ("senior_b", 404),  # other region
    ("prosecutor_b1", 404),
    ("investigator_b", 404),
    ("citizen", 404),
]


@pytest.mark.parametrize("username, expected", VISIBILITY)
def test_case_visibility_on_every_url(world, api_as, make_case, username, expected):
    case = make_case()
    client = api_as(getattr(world, username))
    for template in CASE_URLS:
        response = client.get(CASES_URL + template.format(id=case.pk))
        assert response.status_code == expected, (template, response.content)
        if expected == 404:
            assert response.json() == {"code": "not_found", "message": "Not found.", "fields": {}}
    listed = [c["id"] for c in client.get(CASES_URL).json()["results"]]
    assert (case.pk in listed) == (expected == 200)


def test_case_detail_shape(world, api_as, make_case):
    case = make_case()
    body = api_as(world.prosecutor_a1).get(f"{CASES_URL}{case.pk}/").json()
    assert body["number"] == case.number
    assert body["status"] == CaseStatus.INVESTIGATING
    assert body["investigation_body"] == {"id": world.police_a1.pk, "code": "police-a1", "name": "Police department A1"}
    assert body["supervising_office"]["id"] == world.dist_a1.pk
    assert body["investigator"]["id"] == world.investigator_a.pk
    assert body["termination_ground"] is None
    assert body["term_expires_at"]


# --- registration -----------------------------------------------------------------------------------------

NEW_CASE = {
    "qualification": "190 p.2",
    "category": CaseCategory.ECONOMIC,
    "severity": "medium",
    "summary": "Fraud with advance payments for flats.",
}


def test_investigator_registers_a_case(world, api_as):
    response = api_as(world.investigator_a).post(CASES_URL, NEW_CASE, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert re.fullmatch(r"\d{4}-REGA-\d{6}", body["number"])
    assert body["status"] == CaseStatus.INVESTIGATING
    assert body["investigation_body"]["id"] == world.police_a1.pk
    assert body["supervising_office"]["id"] == world.dist_a1.pk
    assert body["investigator"]["id"] == world.investigator_a.pk
    case = Case.objects.get(pk=body["id"])
    assert case.number == body["number"]
    assert AuditEvent.objects.filter(case=case, action="case.registered").count() == 1


def test_registration_ignores_status_and_number_in_input(world, api_as):
    payload = {**NEW_CASE, "status": CaseStatus.TERMINATED, "number": "1999-X-000001", "investigation_body": 1}
    body = api_as(world.investigator_a).post(CASES_URL, payload, format="json").json()
    assert body["status"] == CaseStatus.INVESTIGATING
    assert body["number"] != "1999-X-000001"
    assert body["investigation_body"]["id"] == world.police_a1.pk


@pytest.mark.parametrize("username", ["prosecutor_a1", "senior_a", "auditor", "judge_a", "citizen"])
def test_only_investigators_register(world, api_as, username):
    client = api_as(getattr(world, username))
    response = client.post(CASES_URL, NEW_CASE, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    # Rights are checked before input: invalid input is still 403.
    assert client.post(CASES_URL, {"category": "nonsense"}, format="json").status_code == 403
    assert Case.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_invalid_registration_is_400_and_writes_nothing(world, api_as):
    response = api_as(world.investigator_a).post(
        CASES_URL, {**NEW_CASE, "category": "witchcraft", "qualification": "x" * 65}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"category", "qualification"}
    assert Case.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_cases_cannot_be_updated_or_deleted(world, api_as, make_case, method):
    case = make_case()
    client = api_as(world.investigator_a)
    response = getattr(client, method)(f"{CASES_URL}{case.pk}/", {"status": CaseStatus.TERMINATED}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING


# --- list: filters, search, ordering, query counts -------------------------------------------------------


def test_case_list_filters_search_and_ordering(world, api_as, make_case):
    theft = make_case(category=CaseCategory.PROPERTY)
    fraud = make_case(category=CaseCategory.ECONOMIC, summary="Advance payment fraud")
    other_body = make_case(investigator=world.investigator_a3, category=CaseCategory.PROPERTY)
    client = api_as(world.senior_a)

    def ids(query: str) -> list[int]:
        response = client.get(CASES_URL + query)
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["results"]]

    assert set(ids("")) == {theft.pk, fraud.pk, other_body.pk}
    assert set(ids("?category=property")) == {theft.pk, other_body.pk}
    assert ids(f"?investigation_body={world.police_a2.pk}") == [other_body.pk]
    assert set(ids(f"?supervising_office={world.dist_a1.pk}")) == {theft.pk, fraud.pk}
    assert ids(f"?search={fraud.number}") == [fraud.pk]
    assert ids(f"?number={fraud.number.lower()}") == [fraud.pk]
    assert ids("?q=advance") == [fraud.pk]
    assert ids("?status=investigating&severity=medium&registered_after=2000-01-01") != []
    assert ids("?registered_before=2000-01-01") == []
    by_number = list(Case.objects.order_by("number").values_list("id", flat=True))
    assert ids("?ordering=number") == by_number
    assert ids("?ordering=-number") == by_number[::-1]
    by_term = list(Case.objects.order_by("term_expires_at", "id").values_list("id", flat=True))
    assert ids("?ordering=term_expires_at") == by_term


@pytest.mark.parametrize(
    "query", ["?category=witchcraft", "?registered_after=2020-13-45", "?investigation_body=abc", "?status=open"]
)
def test_invalid_filters_are_400(world, api_as, query):
    response = api_as(world.senior_a).get(CASES_URL + query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_case_list_query_count_does_not_grow(world, api_as, make_case, django_assert_max_num_queries):
    client = api_as(world.senior_a)
    for _ in range(5):
        make_case()
    with django_assert_max_num_queries(3) as small:
        assert client.get(CASES_URL + "?page_size=50").json()["count"] == 5
    for i in range(35):
        make_case(investigator=world.investigator_a3 if i % 2 else world.investigator_a)
    with django_assert_max_num_queries(3) as large:
        assert len(client.get(CASES_URL + "?page_size=50").json()["results"]) == 40
    assert len(small.captured_queries) == len(large.captured_queries)


# --- organisations ----------------------------------------------------------------------------------------


def test_organisations_list_filter_search(world, api_as):
    client = api_as(world.investigator_b)
    body = client.get("/api/v1/organisations/?page_size=100").json()
    assert body["count"] == 10
    first = body["results"][0]
    assert set(first) == {"id", "code", "name", "kind", "parent", "path"}
    assert first["code"] == "gp" and first["parent"] is None and first["path"] == "/gp/"

    bodies = client.get(f"/api/v1/organisations/?kind={OrganisationKind.INVESTIGATION_BODY}").json()["results"]
    assert {o["code"] for o in bodies} == {"police-a1", "police-a2", "police-b1"}
    children = client.get(f"/api/v1/organisations/?parent={world.reg_a.pk}").json()["results"]
    assert {o["code"] for o in children} == {"dist-a1", "dist-a2", "court-a"}
    found = client.get("/api/v1/organisations/?search=district office a").json()["results"]
    assert {o["code"] for o in found} == {"dist-a1", "dist-a2"}

    detail = client.get(f"/api/v1/organisations/{world.police_a1.pk}/").json()
    assert detail["parent"] == world.dist_a1.pk and detail["path"] == "/gp/reg-a/dist-a1/police-a1/"
    assert client.get("/api/v1/organisations/999999/").status_code == 404
    assert client.get("/api/v1/organisations/?parent=abc").status_code == 400
    assert client.post("/api/v1/organisations/", {"code": "x"}, format="json").status_code == 405


def test_organisations_need_authentication(world, api):
    assert api.get("/api/v1/organisations/").status_code == 401
