"""The decisions' clocks in the reminders mechanism: registered sources, the people responsible, and a scan
that turns an overdue decision into notices for the supervising prosecutors."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from approvals.choices import DecisionKind
from approvals.deadlines import (
    COURT_SOURCE,
    MEASURE_SOURCE,
    PENDING_SOURCE,
    SUSPECT_NOTICE_SOURCE,
    URGENT_SOURCE,
    region_judges,
    supervising_prosecutors,
)
from ecase import deadlines
from ecase.models import Notice, Notification
from ecase.reminders.services import deadline_scan, notice_deliver


def _open(key: str) -> set[int]:
    return set(deadlines.source(key).open_items().values_list("pk", flat=True))


def test_sources_are_registered_with_indexed_deadlines():
    keys = {s.key for s in deadlines.sources()}
    assert {PENDING_SOURCE, URGENT_SOURCE, COURT_SOURCE, SUSPECT_NOTICE_SOURCE, MEASURE_SOURCE} <= keys
    assert deadlines.source(COURT_SOURCE).deadline_field == "court_due_at"


def test_each_clock_lists_its_open_items_and_the_people_responsible(decisions, world):
    pending = decisions.make(DecisionKind.TERMINATION, "pending")
    urgent = decisions.make(DecisionKind.URGENT_ACTION_NOTICE, "pending")
    court = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending")
    draft = decisions.make(DecisionKind.INDICTMENT, "draft")

    assert pending.pk in _open(PENDING_SOURCE) and urgent.pk not in _open(PENDING_SOURCE)
    assert urgent.pk in _open(URGENT_SOURCE)
    assert _open(COURT_SOURCE) == {court.pk}
    assert draft.pk not in _open(PENDING_SOURCE) | _open(URGENT_SOURCE) | _open(COURT_SOURCE)
    # The suspect recognised for the custody petition must be told within 24 hours.
    assert len(_open(SUSPECT_NOTICE_SOURCE)) == 1

    assert set(supervising_prosecutors(pending)) == {world.prosecutor_a1, world.senior_a1}
    assert region_judges(court) == [world.judge_a]
    assert deadlines.source(PENDING_SOURCE).escalation_office(pending) == world.dist_a1
    assert pending.case.number in deadlines.source(PENDING_SOURCE).describe(pending)

    from approvals.services import decision_record_court_outcome

    decision_record_court_outcome(decision_id=court.pk, actor=world.judge_a, outcome="sanctioned")
    assert _open(COURT_SOURCE) == set() and _open(MEASURE_SOURCE) == {court.pk}


def test_an_overdue_decision_reaches_the_supervising_prosecutors(decisions, world):
    with time_machine.travel(timezone.now() - timedelta(days=6), tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
    deadline_scan(enqueue=lambda ids: None)
    notices = Notice.objects.filter(source=PENDING_SOURCE, item_id=decision.pk)
    assert notices.exists()
    for notice in notices:
        notice_deliver(notice_id=notice.pk)
    recipients = set(Notification.objects.filter(notice__in=notices).values_list("user__username", flat=True))
    assert {"prosecutor_a1", "senior_a1"} <= recipients
    assert "investigator_a" not in recipients
