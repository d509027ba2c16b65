"""Idempotency-Key on POST: a retry gets the first response without a second effect; another body with the
same key gets 422; ten concurrent requests with one key have one effect."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from ecase.models import AuditEvent, Case
from integrations.models import IdempotencyRecord
from tests.integrations.conftest import CASE


@pytest.mark.django_db
def test_a_retry_gets_the_same_response_and_files_nothing_twice(make_service):
    client = make_service().client()
    first = client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="case.registered").count() == 1


@pytest.mark.django_db
def test_another_key_is_another_request(make_service):
    client = make_service().client()
    client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_gets_422(make_service):
    client = make_service().client()
    assert client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201
    other = client.post(
        "/api/v1/cases/", {**CASE, "summary": "Another theft."}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_keys_belong_to_their_caller(make_service, world):
    police = make_service().client()
    other = make_service(name="second-system", organisation=world.police_a1).client()
    police.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_request_keeps_nothing(make_service):
    service = make_service(scopes=["cases:read"])
    assert service.client().post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 403
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_a_bad_key_is_a_400(make_service):
    response = make_service().client().post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="x" * 256)
    assert response.status_code == 400
    assert Case.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_requests_with_one_key_have_one_effect(make_service, require_postgres):
    service = make_service()
    barrier = threading.Barrier(10)
    codes: list[int] = []

    def call() -> None:
        try:
            client = service.client()
            barrier.wait()
            response = client.post("/api/v1/cases/", CASE, format="json", HTTP_IDEMPOTENCY_KEY="same")
            codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="case.registered").count() == 1
    assert sorted(set(codes)) <= [201, 409] and codes.count(201) >= 1, codes
    assert len(codes) == 10
