"""The benchmark's floor endpoints answer the same rows and fields as the product's lists, for each user: the
ratio in the table compares like with like."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from ecase.choices import Role
from ecase.models import User

pytestmark = pytest.mark.django_db

BENCH_URLS = "approvals.bench.urls"
STATUSES = ["pending", "approved", "court_pending", "rejected", "returned", ""]


def _results(client: Client, path: str) -> list[dict[str, Any]]:
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_floor_endpoints_equal_the_product_lists(demo_world):
    decisions = cases = 0
    for user in User.objects.exclude(role=Role.CITIZEN).filter(is_active=True):
        client = Client()
        client.force_login(user)
        with override_settings(ROOT_URLCONF=BENCH_URLS):
            for status in STATUSES:
                floor = _results(client, f"/bench-floor/decisions/?status={status}")
                query = f"&status={status}" if status else ""
                product = _results(client, f"/api/v1/decisions/?ordering=due_at{query}")
                assert floor == product, (user.username, status)
                decisions += len(product)
            floor = _results(client, "/bench-floor/cases/")
            product = _results(client, "/api/v1/cases/")
            assert floor == product, user.username
            cases += len(product)
    assert decisions > 50 and cases > 50  # compared on real rows, not on empty lists

    # Only the benchmark's URLconf has them, and they take the API's authentication.
    with override_settings(ROOT_URLCONF=BENCH_URLS):
        assert Client().get("/bench-floor/decisions/").status_code in (401, 403)
        assert Client().get("/bench-floor/cases/").status_code in (401, 403)
    assert Client().get("/bench-floor/cases/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench-floor-cases")
