"""The list endpoints' query counts do not grow with the rows on the page (issue 14)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from approvals.choices import DecisionStatus
from approvals.models import ProceduralDecision
from approvals.selectors import inbox_for
from ecase.choices import Role
from ecase.models import Case, User

pytestmark = pytest.mark.django_db

# Authentication (session, user), the count, the page, the relations set on some rows (prefetched, one query
# each when a row on the page has one: decided_by, the two grounds, main case, court, court's judge)
# and the attachments.
DECISION_LIST_MAX = 4 + 6 + 1


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_list_query_counts_are_constant(demo_world):
    user = User.objects.filter(role=Role.PROSECUTOR).order_by("id").first()
    assert user is not None
    user.is_superuser = True  # sees every decision and case of the demo world
    user.save(update_fields=["is_superuser"])
    client = Client()
    client.force_login(user)

    # More rows on the page than the bound: one query per row anywhere would break it.
    assert ProceduralDecision.objects.count() > DECISION_LIST_MAX
    one = _queries(client, "/api/v1/decisions/?page_size=1")
    every = _queries(client, "/api/v1/decisions/?page_size=100")
    assert one <= every <= DECISION_LIST_MAX

    assert ProceduralDecision.objects.filter(status=DecisionStatus.PENDING).count() >= 4
    assert _queries(client, "/api/v1/decisions/?status=pending&ordering=due_at&page_size=100") <= DECISION_LIST_MAX

    assert Case.objects.count() > 30
    one = _queries(client, "/api/v1/cases/?page_size=1")
    every = _queries(client, "/api/v1/cases/?page_size=100")
    assert one == every <= 4

    # The inbox joins only what it shows, and finds the offices by id, not by joining them for their path.
    prosecutor = User.objects.filter(role=Role.PROSECUTOR, is_superuser=False).first()
    assert prosecutor is not None
    sql = str(inbox_for(user=prosecutor).query)
    assert sql.count(" JOIN ") == 5  # the case, its body and office, the author, the person concerned
    assert "IN (SELECT U0" in sql and '"path"::text LIKE' in sql.split("IN (SELECT U0", 1)[1]
