"""The detention clock in the API: list and record under a case, release as an action; 400 for bad input
(nothing recorded), 404 for a case the caller may not see, 403 for a visible case that is not theirs, 409
for a second release."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ecase.models import Detention


def _url(case, suffix=""):
    return f"/api/v1/cases/{case.pk}/detentions/{suffix}"


def test_record_list_and_release(api_as, case, witness, world):
    client = api_as(world.investigator_a)
    detained_at = (timezone.now() - timedelta(hours=2)).isoformat()
    response = client.post(
        _url(case),
        {"detained_at": detained_at, "participant": witness.pk, "protocol_reference": "PR-9"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "running" and body["person"]["full_name"] == "Detained Daulet"
    assert 45 * 3600 < body["seconds_left"] <= 46 * 3600

    listed = api_as(world.prosecutor_a1).get(_url(case)).json()
    assert [d["id"] for d in listed] == [body["id"]]

    released = client.post(_url(case, f"{body['id']}/release/"), {"note": "Released"}, format="json")
    assert released.status_code == 200 and released.json()["status"] == "released"
    assert released.json()["seconds_left"] is None
    again = client.post(_url(case, f"{body['id']}/release/"), {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"


def test_bad_input_answers_400_and_records_nothing(api_as, case, witness, world):
    client = api_as(world.investigator_a)
    now = timezone.now()
    bad = [
        {"participant": witness.pk, "protocol_reference": "PR"},  # no time
        {"detained_at": "yesterday", "participant": witness.pk, "protocol_reference": "PR"},
        {"detained_at": (now + timedelta(days=1)).isoformat(), "participant": witness.pk, "protocol_reference": "PR"},
        {"detained_at": now.isoformat(), "participant": witness.pk},  # no protocol
        {"detained_at": now.isoformat(), "participant": witness.pk, "protocol_reference": "PR", "exceptional": True},
        {"detained_at": now.isoformat(), "protocol_reference": "PR"},  # nobody
        {"detained_at": now.isoformat(), "full_name": "X", "iin": "123", "protocol_reference": "PR"},
    ]
    for payload in bad:
        response = client.post(_url(case), payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert response.json()["code"] == "invalid" and response.json()["fields"]
    assert not Detention.objects.exists()


def test_invisible_case_404_and_others_403(api_as, case, witness, world):
    payload = {"detained_at": timezone.now().isoformat(), "participant": witness.pk, "protocol_reference": "PR"}
    assert api_as(world.investigator_b).get(_url(case)).status_code == 404
    assert api_as(world.investigator_b).post(_url(case), payload, format="json").status_code == 404
    assert api_as(world.prosecutor_b1).get(_url(case)).status_code == 404
    assert api_as(world.prosecutor_a1).post(_url(case), payload, format="json").status_code == 403
    assert api_as(world.investigator_a).get("/api/v1/cases/999999/detentions/").status_code == 404
    assert not Detention.objects.exists()


def test_the_schema_documents_the_endpoints(api_as, world):
    schema = api_as(world.investigator_a).get("/api/schema/?format=json")
    paths = schema.json()["paths"]
    assert "/api/v1/cases/{case_id}/detentions/" in paths
    assert "/api/v1/cases/{case_id}/detentions/{id}/release/" in paths
    assert "/api/v1/cases/{case_id}/rehabilitations/{id}/handover/" in paths
