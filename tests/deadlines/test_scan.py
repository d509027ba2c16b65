"""The scan and the delivery in-process (tasks are eager here; the real worker is in test_worker.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ecase import deadlines
from ecase.deadline_sources import CASE_TERM_SOURCE
from ecase.models import AuditEvent, EmailDelivery, Notice, NoticeStage, NoticeStatus, Notification
from ecase.reminders.services import TransientDeliveryError, deadline_scan, notice_deliver
from ecase.services.cases import case_apply_transition, case_register

from .conftest import almaty, notices_of, stages_of

pytestmark = pytest.mark.django_db

MONDAY = almaty(2026, 11, 23, 10, 0)


def test_three_scans_and_duplicate_messages_send_one_notice(world, case_due, scan, mailoutbox):
    case = case_due(almaty(2026, 11, 25, 18, 0))  # Wednesday: within the case term's 5 working days
    with time_machine.travel(MONDAY, tick=False):
        results = [scan() for _ in range(3)]
        notice = notices_of(case)[0]
        notice_deliver(notice_id=notice.pk)  # a duplicated message
        notice_deliver(notice_id=notice.pk)
    assert [r.recorded_total for r in results] == [1, 0, 0]
    assert [r.enqueued for r in results] == [1, 0, 0]
    notice.refresh_from_db()
    assert (notice.stage, notice.status, notice.attempts) == (NoticeStage.DUE_SOON, NoticeStatus.SENT, 1)
    assert notice.sent_at == MONDAY
    notifications = list(Notification.objects.filter(notice=notice))
    assert [n.user for n in notifications] == [world.investigator_a]
    assert case.number in notifications[0].title
    assert notifications[0].title.startswith("Due soon")
    assert notifications[0].url == f"/cases/{case.pk}/"
    assert notifications[0].body == "Investigation term. Deadline: 25.11.2026 18:00 (Almaty time)."
    assert [m.to for m in mailoutbox] == [[world.investigator_a.email]]
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<notice-{notice.pk}.{world.investigator_a.pk}@ecase>"
    assert case.number in mailoutbox[0].subject


def test_a_retried_delivery_does_not_duplicate(world, case_due, scan, mailoutbox, settings):
    """The first attempt fails after recording its recipients; the retry (here called directly, as the worker's
    autoretry does; test_worker.py runs the real one) finds them and adds nothing but the e-mail."""
    settings.DEADLINE_DEBUG_FAIL_ATTEMPTS = 1
    case = case_due(almaty(2026, 11, 25, 18, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan(deliver=False)
        (notice,) = notices_of(case)
        with pytest.raises(TransientDeliveryError):
            notice_deliver(notice_id=notice.pk)
        assert Notification.objects.filter(notice=notice).count() == 1
        assert mailoutbox == []
        notice_deliver(notice_id=notice.pk)
        scan()
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.SENT, 2)
    assert Notification.objects.filter(notice=notice).count() == 1
    assert len(mailoutbox) == 1


def test_due_and_escalation_stages_reach_the_right_people(world, case_due, scan, mailoutbox):
    case = case_due(almaty(2026, 11, 20, 17, 0))  # Friday
    with time_machine.travel(almaty(2026, 11, 20, 18, 0), tick=False):  # Friday evening: due
        scan()
    with time_machine.travel(almaty(2026, 11, 23, 18, 0), tick=False):  # Monday: not a full working day yet
        scan()
    with time_machine.travel(almaty(2026, 11, 24, 9, 0), tick=False):  # Tuesday: escalated
        scan()
        scan()
    assert stages_of(case) == [NoticeStage.DUE, NoticeStage.OVERDUE]
    due, overdue = notices_of(case)
    assert set(Notification.objects.filter(notice=due).values_list("user__username", flat=True)) == {"investigator_a"}
    escalated = Notification.objects.filter(notice=overdue)
    # The senior prosecutor of the supervising office (district A1), and the investigator; not the prosecutor.
    assert set(escalated.values_list("user__username", flat=True)) == {"senior_a1", "investigator_a"}
    assert set(escalated.values_list("level", flat=True)) == {"urgent"}
    name = world.investigator_a.get_full_name()
    assert f"escalated to the senior prosecutor. Responsible: {name}." in escalated.first().body
    event = AuditEvent.objects.get(action="deadline.escalated")
    assert event.case == case
    assert event.object_id == str(overdue.pk)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.investigator_a.email, world.investigator_a.email, world.senior_a1.email]
    )


def test_escalation_climbs_to_the_nearest_office_with_a_senior_prosecutor(world, case_due, scan):
    # District office A2 has no senior prosecutor: the escalation goes to regional office A's.
    case = case_due(almaty(2026, 11, 20, 17, 0), investigator=world.investigator_a3)
    with time_machine.travel(almaty(2026, 11, 24, 9, 0), tick=False):
        scan()
    (overdue,) = notices_of(case)
    assert overdue.stage == NoticeStage.OVERDUE
    users = set(Notification.objects.filter(notice=overdue).values_list("user__username", flat=True))
    assert users == {"senior_a", "investigator_a3"}


def test_items_far_from_their_deadline_get_nothing(world, case_due, scan, make_case):
    far = make_case()  # two months from now
    with time_machine.travel(MONDAY, tick=False):
        result = scan()
    assert far.term_expires_at > MONDAY + timedelta(days=30) or result.recorded_total == 0
    assert notices_of(far) == []


def test_items_overdue_beyond_the_lookback_are_not_read(world, case_due, scan, settings):
    settings.DEADLINE_SCAN_LOOKBACK_DAYS = 30
    old = case_due(almaty(2026, 10, 1, 12, 0))
    recent = case_due(almaty(2026, 11, 2, 12, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan()
    assert stages_of(old) == []
    assert stages_of(recent) == [NoticeStage.OVERDUE]


def test_a_closed_item_cancels_its_queued_notice(world, case_due, scan, mailoutbox):
    case = case_due(almaty(2026, 11, 25, 18, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan(deliver=False)  # recorded and queued, not yet delivered
        with transaction.atomic():
            case_apply_transition(case_id=case.pk, transition="suspend", actor=None, reason="test")
        (notice,) = notices_of(case)
        notice_deliver(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_a_moved_deadline_gets_its_own_notices(world, case_due, scan):
    case = case_due(almaty(2026, 11, 25, 18, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan()
        with transaction.atomic():
            case_apply_transition(case_id=case.pk, transition="suspend", actor=None)
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        with transaction.atomic():
            case_apply_transition(case_id=case.pk, transition="resume", actor=None)  # the term moves by a day
        scan()
    case.refresh_from_db()
    assert case.term_expires_at == almaty(2026, 11, 26, 18, 0)
    assert [(n.stage, n.deadline, n.status) for n in notices_of(case)] == [
        (NoticeStage.DUE_SOON, almaty(2026, 11, 25, 18, 0), NoticeStatus.SENT),
        (NoticeStage.DUE_SOON, almaty(2026, 11, 26, 18, 0), NoticeStatus.SENT),
    ]


def test_stale_pending_notices_are_queued_again_after_the_grace_period(world, case_due, scan, settings):
    settings.DEADLINE_RESEND_AFTER_MINUTES = 10
    case = case_due(almaty(2026, 11, 25, 18, 0))
    with time_machine.travel(MONDAY, tick=False):
        first = scan(deliver=False)  # the message is lost: nothing delivers it
    with time_machine.travel(MONDAY + timedelta(minutes=9), tick=False):
        early = scan(deliver=False)
    with time_machine.travel(MONDAY + timedelta(minutes=11), tick=False):
        late = scan()
    assert (first.enqueued, early.enqueued, late.enqueued) == (1, 0, 1)
    (notice,) = notices_of(case)
    assert (notice.status, notice.attempts) == (NoticeStatus.SENT, 1)
    assert Notification.objects.count() == 1


def test_a_source_with_its_own_periods(world, case_due, scan, test_source):
    test_source("test.hours", "188 p.2", due_soon=deadlines.Period.hours(6), escalate_after=deadlines.Period.hours(2))
    case = case_due(almaty(2026, 11, 23, 15, 0))
    with time_machine.travel(almaty(2026, 11, 23, 8, 0), tick=False):
        scan()  # 7 hours ahead: not yet due soon for this source (the case term says due soon already)
    assert stages_of(case, "test.hours") == []
    with time_machine.travel(almaty(2026, 11, 23, 10, 0), tick=False):
        scan()
    with time_machine.travel(almaty(2026, 11, 23, 16, 0), tick=False):
        scan()
    with time_machine.travel(almaty(2026, 11, 23, 17, 30), tick=False):
        scan()
    assert stages_of(case, "test.hours") == [NoticeStage.DUE_SOON, NoticeStage.DUE, NoticeStage.OVERDUE]
    # The case-term source escalates after a working day, not after two hours.
    assert stages_of(case, CASE_TERM_SOURCE) == [NoticeStage.DUE_SOON, NoticeStage.DUE]


def test_an_unknown_source_cancels_its_notices(world, case_due, scan, test_source):
    test_source("test.gone", "188 p.2", due_soon=deadlines.Period.hours(48))
    case = case_due(almaty(2026, 11, 24, 15, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan(deliver=False)
        deadlines.unregister("test.gone")
        notice = Notice.objects.get(source="test.gone", item_id=case.pk)
        notice_deliver(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED


def test_nobody_to_notify_still_completes(world, case_due, scan, test_source):
    test_source("test.nobody", "188 p.2", due_soon=deadlines.Period.hours(48), responsible=lambda case: [])
    case_due(almaty(2026, 11, 24, 15, 0))
    with time_machine.travel(MONDAY, tick=False):
        scan()
    notice = Notice.objects.get(source="test.nobody")
    assert notice.status == NoticeStatus.SENT
    assert not Notification.objects.filter(notice=notice).exists()
    assert not EmailDelivery.objects.filter(notice=notice).exists()


def _scan_queries(now) -> int:
    with CaptureQueriesContext(connection) as ctx:
        deadline_scan(now=now, enqueue=lambda ids: None)
    return len(ctx.captured_queries)


def test_scan_query_count_does_not_grow_with_items_far_from_their_deadline(world, case_due, make_case):
    now = MONDAY
    for day in (24, 25):
        case_due(almaty(2026, 11, day, 18, 0))
    for _ in range(3):
        make_case()  # terms two months away
    with time_machine.travel(now, tick=False):
        few = _scan_queries(now)
        steady_few = _scan_queries(now)
        for day in (26, 27):  # the same number of new due items as before, in the same stage
            case_due(almaty(2026, 11, day, 18, 0))
        for _ in range(40):
            make_case()
        many = _scan_queries(now)
        steady_many = _scan_queries(now)
    assert Notice.objects.count() == 4
    assert many == few
    assert steady_many == steady_few


def test_scan_query_count_is_pinned(world, case_due, django_assert_max_num_queries):
    for day in (20, 24, 25):
        case_due(almaty(2026, 11, day, 18, 0))
    stages = 3
    # Per source and stage one select (window items EXCEPT recorded notices); one insert per stage that found
    # new items; calendar reads for the working-day cutoffs; the savepoint pair, the pending-notice select and
    # the enqueued_at update.
    budget = len(deadlines.sources()) * stages + stages + 6 + 4
    with time_machine.travel(MONDAY, tick=False), django_assert_max_num_queries(budget):
        result = deadline_scan(now=MONDAY, enqueue=lambda ids: None)
    assert result.recorded_total == 3


def test_case_term_query_reads_two_index_ranges(world, require_postgres):
    """The window query is a set difference of two bounded index ranges: the cases on (status, term_expires_at)
    and the notices on the key (source, stage, deadline, item). With sequential scans disabled the planner
    finds both (it could not if either side were unbounded or its index missing)."""
    from ecase.reminders.selectors import deadline_items_needing_notice
    from ecase.reminders.windows import StageWindow

    source = deadlines.source(CASE_TERM_SOURCE)
    case = case_register(
        actor=world.investigator_a,
        qualification="188",
        category="property",
        severity="medium",
        summary="x",
        registered_at=MONDAY + timedelta(days=1) - relativedelta(months=2),
    )
    window = StageWindow(NoticeStage.DUE_SOON, MONDAY, MONDAY + timedelta(days=7))
    with CaptureQueriesContext(connection) as ctx:
        assert deadline_items_needing_notice(source=source, window=window, limit=100) == [
            (case.pk, case.term_expires_at)
        ]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + ctx.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert re.search(r"Index (Only )?Scan using \S*(case_status_term|term_expires_at)\S* on ecase_case", plan), plan
    assert re.search(r"Index (Only )?Scan using notice_key on ecase_notice", plan), plan
    assert "SetOp Except" in plan and "Seq Scan" not in plan, plan
