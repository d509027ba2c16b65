"""Input at every layer: control characters anywhere in the request, strict list parameters, and a
person's birth date checked against the IIN."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from complaints import services as complaint_services
from ecase.models import Person
from ecase.validators import make_iin

IIN = make_iin(date(1985, 3, 14), 1234)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


# --- control characters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/public/complaints/%00/",
        "/api/v1/public/complaints/AB%00CD/",
        "/api/v1/cases/%01/",
        "/complaints/track/%00/",
        "/cases/%00/",
        "/%7F/",
    ],
)
def test_control_character_in_the_path_is_400(db, require_postgres, path):
    response = Client().get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json()["code"] == "invalid_characters"


@pytest.mark.parametrize("query", ["q=%00", "search=a%00b", "x=%1B[31m"])
def test_control_character_in_the_query_is_400(world, api_as, query):
    response = api_as(world.prosecutor_a1).get(f"/api/v1/cases/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_control_character_in_a_json_body_is_400(world, api_as):
    client = api_as(world.investigator_a)
    body = '{"qualification": "188 p.2", "summary": "a\\u0000b"}'
    response = client.post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_control_character_in_a_form_body_is_400(db):
    response = Client().post(
        "/accounts/login/", "username=a%00&password=b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_tabs_and_newlines_in_a_body_are_fine(world, api_as):
    client = api_as(world.investigator_a)
    body = {"qualification": "188 p.2", "category": "property", "severity": "medium", "summary": "Line one\n\tline two"}
    assert client.post("/api/v1/cases/", body, format="json").status_code == 201


# --- strict list parameters ---------------------------------------------------------------------------------

LISTS = [
    "/api/v1/cases/",
    "/api/v1/organisations/",
    "/api/v1/decisions/",
    "/api/v1/complaints/",
    "/api/v1/notifications/",
]


@pytest.mark.parametrize("url", LISTS)
def test_unknown_ordering_is_400_naming_it(world, api_as, url):
    response = api_as(world.senior_a).get(url, {"ordering": "-id,password"})
    assert response.status_code == 400, response.content
    body = response.json()
    message = body["fields"]["ordering"][0]
    assert "-id" in message and "password" in message


@pytest.mark.parametrize("url", LISTS)
def test_unknown_filter_is_400_naming_it(world, api_as, url):
    response = api_as(world.senior_a).get(url, {"stauts": "x", "page": 1})
    assert response.status_code == 400, response.content
    assert set(response.json()["fields"]) == {"stauts"}


def test_known_ordering_works(world, api_as, make_case):
    first = make_case(summary="First case of the list, registered first.")
    second = make_case(summary="Second case of the list, registered second.")
    client = api_as(world.prosecutor_a1)
    ids = [row["id"] for row in client.get("/api/v1/cases/", {"ordering": "registered_at"}).json()["results"]]
    assert ids == [first.pk, second.pk]
    ids = [row["id"] for row in client.get("/api/v1/cases/", {"ordering": "-registered_at"}).json()["results"]]
    assert ids == [second.pk, first.pk]


def test_search_on_the_complaints_api_works(world, api_as):
    complaint_services.kinds_ensure()
    filed = []
    for name in ("Aigerim Sultanova", "Bolat Nurlanov"):
        complaint, _key = complaint_services.complaint_file(
            actor=None,
            kind="general",
            text="The investigator does not answer my petitions.",
            complainant_name=name,
            complainant_iin=IIN,
            complainant_email="someone@example.kz",
            office_id=world.dist_a1.pk,
        )
        filed.append(complaint)
    client = api_as(world.prosecutor_a1)
    found = client.get("/api/v1/complaints/", {"search": "sultan"}).json()["results"]
    assert [row["id"] for row in found] == [filed[0].pk]
    by_number = client.get("/api/v1/complaints/", {"search": filed[1].tracking_number}).json()["results"]
    assert [row["id"] for row in by_number] == [filed[1].pk]


# --- IIN against what is entered ------------------------------------------------------------------------------


def test_participant_birth_date_contradicting_the_iin_is_400(world, api_as, make_case):
    case = make_case()
    payload = {"role": "victim", "full_name": "Aigerim Sadykova", "iin": IIN, "birth_date": "1990-01-01"}
    response = api_as(world.investigator_a).post(f"/api/v1/cases/{case.pk}/participants/", payload, format="json")
    assert response.status_code == 400
    assert "14.03.1985" in str(response.json()["fields"]["birth_date"])  # the date in the one format
    assert not Person.objects.filter(iin=IIN).exists()
    payload["birth_date"] = "1985-03-14"
    assert (
        api_as(world.investigator_a).post(f"/api/v1/cases/{case.pk}/participants/", payload, format="json").status_code
        == 201
    )
