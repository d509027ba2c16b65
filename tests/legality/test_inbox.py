"""The legality column of the approval inbox (legality.inbox through approvals.hooks): open findings per
decision with severity and blocking, in one query for the whole page (not one per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals import hooks
from approvals import services as decision_services
from approvals.choices import DecisionKind
from legality.inbox import inbox_badges

pytestmark = pytest.mark.django_db


def _bounce(world, decision_id: int, times: int = 2) -> None:
    for _ in range(times):
        decision_services.decision_return(decision_id=decision_id, actor=world.prosecutor_a1, remarks="Reasons?")
        decision_services.decision_revise(decision_id=decision_id, actor=world.investigator_a)
        decision_services.decision_submit(decision_id=decision_id, actor=world.investigator_a)


def test_the_column_is_registered_and_marks_blocking_rows(world, decisions, client):
    assert "legality" in [c.name for c in hooks.inbox_columns()]
    blocked = decisions.make(DecisionKind.SUSPENSION, "pending")
    _bounce(world, blocked.pk)
    clean = decisions.make(DecisionKind.TERMINATION, "pending")
    badges = inbox_badges(user=world.prosecutor_a1, decision_ids=[blocked.pk, clean.pk])
    assert not any(b.blocking for b in badges.get(clean.pk, []))  # it may have non-blocking findings
    assert badges[blocked.pk][0].blocking and badges[blocked.pk][0].text == "Blocks approval"
    assert badges[blocked.pk][1:] and all(b.level in ("violation", "risk", "notice") for b in badges[blocked.pk][1:])
    client.force_login(world.prosecutor_a1)
    html = client.get(reverse("approvals:inbox")).content.decode()
    assert '<th scope="col">Legality</th>' in html
    assert "inbox-badge-blocking" in html
    # Who may not see findings gets no badges (the column asks the legality predicate).
    assert inbox_badges(user=world.judge_a, decision_ids=[blocked.pk]) == {}


def test_one_query_for_the_page_whatever_the_rows(world, decisions):
    first = decisions.make(DecisionKind.SUSPENSION, "pending")
    _bounce(world, first.pk)
    with CaptureQueriesContext(connection) as one:
        hooks.inbox_cells(user=world.prosecutor_a1, decision_ids=[first.pk])
    more = [decisions.make(DecisionKind.SUSPENSION, "pending") for _ in range(3)]
    for decision in more:
        _bounce(world, decision.pk)
    ids = [first.pk, *(d.pk for d in more)]
    with CaptureQueriesContext(connection) as many:
        cells = hooks.inbox_cells(user=world.prosecutor_a1, decision_ids=ids)
    assert len(many.captured_queries) == len(one.captured_queries) == 1
    assert all(cells[pk][0] and cells[pk][0][0].blocking for pk in ids)


def test_bulk_approval_refuses_the_blocked_one_with_the_legality_reason(world, decisions):
    from approvals.bulk import decisions_bulk_approve

    blocked = decisions.make(DecisionKind.SUSPENSION, "pending")
    _bounce(world, blocked.pk)
    fine = decisions.make(DecisionKind.TERMINATION, "pending")
    outcomes = {
        o.decision_id: o for o in decisions_bulk_approve(decision_ids=[blocked.pk, fine.pk], actor=world.prosecutor_a1)
    }
    assert outcomes[fine.pk].approved
    assert not outcomes[blocked.pk].approved
    assert "The legality check blocks approval" in outcomes[blocked.pk].reason
