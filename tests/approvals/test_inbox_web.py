"""The inbox as a work queue: sortable columns (whitelisted), time left / overdue by, quick and saved filters
with their counts (saved filters are private), and the query count that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from approvals.choices import DecisionKind
from approvals.inbox_models import SavedInboxFilter
from approvals.templatetags.approvals_inbox import time_left_text

INBOX = reverse("approvals:inbox")


@pytest.fixture
def client_as(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as


@pytest.fixture
def three(decisions):
    """Overdue termination (4 days old), a suspect recognition due in 4 h, a fresh indictment."""
    with time_machine.travel(timezone.now() - timedelta(days=4), tick=False):
        overdue = decisions.make(DecisionKind.TERMINATION, "pending")
    with time_machine.travel(timezone.now() - timedelta(hours=20), tick=False):
        soon = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "pending")
    later = decisions.make(DecisionKind.INDICTMENT, "pending")
    return overdue, soon, later


def _pks(client, query: str = "") -> list[int]:
    response = client.get(INBOX + query)
    assert response.status_code == 200
    return [d.pk for d in response.context["page"].object_list]


def test_columns_sort_both_ways_and_say_so(three, world, client_as):
    overdue, soon, later = three
    client = client_as(world.prosecutor_a1)
    assert _pks(client) == [overdue.pk, soon.pk, later.pk]
    assert _pks(client, "?ordering=-deadline") == [later.pk, soon.pk, overdue.pk]
    assert _pks(client, "?ordering=submitted") == [overdue.pk, soon.pk, later.pk]
    assert _pks(client, "?ordering=-submitted") == [later.pk, soon.pk, overdue.pk]
    by_kind = _pks(client, "?ordering=kind")  # indictment < suspect_recognition < termination
    assert by_kind == [later.pk, soon.pk, overdue.pk]
    for key in ("case", "-case", "body", "author", "-author"):
        assert sorted(_pks(client, f"?ordering={key}")) == sorted([overdue.pk, soon.pk, later.pk])
    html = client.get(INBOX + "?ordering=-deadline").content.decode()
    assert 'aria-sort="descending"' in html
    assert "?ordering=deadline" in html  # the active column's link turns the order round


@pytest.mark.parametrize("bad", ["password", "-", "case__investigator__password", "due_at;drop", "x" * 300])
def test_an_unknown_ordering_is_ignored_with_a_message(bad, three, world, client_as):
    overdue, soon, later = three
    client = client_as(world.prosecutor_a1)
    response = client.get(INBOX, {"ordering": bad})
    assert response.status_code == 200
    assert [d.pk for d in response.context["page"].object_list] == [overdue.pk, soon.pk, later.pk]
    assert "Unknown sort order" in response.content.decode()


def test_time_left_and_overdue_by_with_the_exact_deadline(three, world, client_as):
    overdue, soon, _later = three
    html = client_as(world.prosecutor_a1).get(INBOX).content.decode()
    assert f'datetime="{soon.due_at.isoformat()}"' in html
    assert "h left" in html and "overdue by" in html
    assert 'title="Deadline: ' in html


def test_time_left_text_units_and_languages():
    now = timezone.now()
    assert time_left_text(now + timedelta(hours=4, minutes=10), now) == ("4 h left", False)
    assert time_left_text(now - timedelta(hours=8, minutes=5), now) == ("overdue by 8 h", True)
    assert time_left_text(now + timedelta(minutes=25), now) == ("25 min left", False)
    assert time_left_text(now - timedelta(days=3, hours=2), now) == ("overdue by 3 d", True)
    with override("ru"):
        assert time_left_text(now + timedelta(hours=4, minutes=1), now)[0] == "осталось 4 ч"
    with override("kk"):
        assert time_left_text(now - timedelta(hours=8, minutes=1), now)[0] == "8 сағ кешікті"


def test_quick_filters_count_and_narrow(three, world, client_as):
    overdue, soon, later = three
    client = client_as(world.prosecutor_a1)
    response = client.get(INBOX)
    counts = {q["key"]: q["count"] for q in response.context["quick_filters"]}
    assert counts["all"] == 3 and counts["overdue"] == 1
    assert counts["today"] == (1 if soon.is_due_today else 0)
    assert _pks(client, "?overdue=true") == [overdue.pk]
    assert _pks(client, "?due=today") == ([soon.pk] if soon.is_due_today else [])


def test_saved_filters_are_saved_counted_and_private(three, world, client_as):
    overdue, _soon, _later = three
    client = client_as(world.prosecutor_a1)
    response = client.post(
        reverse("approvals:filter-save"),
        {"name": "  Old  terminations ", "query": "ordering=-deadline&kind=termination"},
    )
    assert response.status_code == 302 and response["Location"] == INBOX + "?kind=termination&ordering=-deadline"
    saved = SavedInboxFilter.objects.get(user=world.prosecutor_a1)
    assert saved.name == "Old terminations"
    page = client.get(INBOX)
    assert [(s["item"].pk, s["count"]) for s in page.context["saved_filters"]] == [(saved.pk, 1)]
    assert "Old terminations" in page.content.decode()
    assert client.get(INBOX + "?" + saved.query).context["saved_filters"][0]["active"]
    # The same name again replaces the query.
    client.post(reverse("approvals:filter-save"), {"name": "Old terminations", "query": "overdue=true"})
    assert SavedInboxFilter.objects.get(user=world.prosecutor_a1).query == "overdue=true"
    # Another prosecutor sees none of it and cannot delete it.
    other = client_as(world.senior_a1)
    assert other.get(INBOX).context["saved_filters"] == []
    assert other.post(reverse("approvals:filter-delete", args=[saved.pk])).status_code == 404
    assert SavedInboxFilter.objects.filter(pk=saved.pk).exists()
    # Its owner can.
    owner = client_as(world.prosecutor_a1)
    assert owner.post(reverse("approvals:filter-delete", args=[saved.pk])).status_code == 302
    assert not SavedInboxFilter.objects.filter(pk=saved.pk).exists()


def test_saving_a_filter_without_a_name_says_so_and_saves_nothing(world, client_as):
    client = client_as(world.prosecutor_a1)
    response = client.post(reverse("approvals:filter-save"), {"name": " ", "query": "kind=termination"}, follow=True)
    assert response.status_code == 200
    assert "Give the filter a name." in response.content.decode()
    too_long = client.post(reverse("approvals:filter-save"), {"name": "n", "query": "q=" + "x" * 600}, follow=True)
    assert too_long.status_code == 200
    assert not SavedInboxFilter.objects.exists()
    assert client.get(reverse("approvals:filter-save")).status_code == 405
    assert client_as(world.investigator_a).post(reverse("approvals:filter-save"), {"name": "x"}).status_code == 403


def test_the_inbox_page_does_not_grow_queries_with_rows_or_saved_filters(decisions, world, client_as):
    client = client_as(world.prosecutor_a1)
    decisions.make(DecisionKind.TERMINATION, "pending")
    SavedInboxFilter.objects.create(user=world.prosecutor_a1, name="a", query="kind=termination")
    client.get(INBOX)
    with CaptureQueriesContext(connection) as one:
        assert client.get(INBOX).status_code == 200
    for _ in range(6):
        decisions.make(DecisionKind.TERMINATION, "pending")
    decisions.make(DecisionKind.URGENT_ACTION_NOTICE, "pending")
    for name in ("b", "c", "d"):
        SavedInboxFilter.objects.create(user=world.prosecutor_a1, name=name, query="overdue=true")
    with CaptureQueriesContext(connection) as many:
        response = client.get(INBOX)
    assert len(response.context["page"].object_list) == 8
    assert len(many.captured_queries) == len(one.captured_queries), [q["sql"] for q in many.captured_queries]


def test_the_first_decision_is_one_link_away(three, world, client_as):
    overdue, _soon, _later = three
    html = client_as(world.prosecutor_a1).get(INBOX + "?kind=termination").content.decode()
    first = reverse("approvals:detail", args=[overdue.pk])
    assert f'id="first-decision" href="{first}?inbox=kind%3Dtermination"' in html
    assert html.index('id="first-decision"') < html.index("<h1>")


def test_the_api_refuses_an_unknown_ordering_with_a_400_never_a_500(three, world, client_as):
    client = client_as(world.prosecutor_a1)
    for bad in ("password", "-case__investigator__password", "due_at;drop"):
        response = client.get("/api/v1/decisions/", {"status": "pending", "ordering": bad})
        assert response.status_code == 400
        assert {"code", "message"} <= set(response.json())


def test_a_saved_filter_that_no_longer_validates_counts_zero(three, world, client_as):
    SavedInboxFilter.objects.create(user=world.prosecutor_a1, name="Other region", query=f"body={world.police_b1.pk}")
    response = client_as(world.prosecutor_a1).get(INBOX)
    assert response.status_code == 200
    assert [s["count"] for s in response.context["saved_filters"]] == [0]
