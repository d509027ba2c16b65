"""Recalculation: a calendar or term edit moves the due dates of open items, audited, with notifications
when a deadline moves earlier; the task is idempotent and enqueued on commit."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from approvals.choices import DecisionKind
from approvals.models import DecisionKindTerm
from ecase.models import AuditEvent, CalendarException, InvestigationTerm, Notification, TermRule
from ecase.services.config import config_object_delete, config_object_save
from ecase.terms.engine import end_of_day
from ecase.terms.recalculation import deadlines_recalculate

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


def at(y, m, d, hh=10):
    return datetime(y, m, d, hh, tzinfo=ALMATY)


@pytest.fixture
def open_items(decisions, make_case, file_complaint):
    """Items opened on Monday 13 April 2026: a pending termination (3 days: Thursday 16 April), a general
    complaint (15 working days, 1 May a holiday: Tuesday 5 May) and a case (2 months: Saturday 13 June, so
    Monday 15 June)."""
    with time_machine.travel(at(2026, 4, 13), tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
        complaint, _key = file_complaint()
        case = make_case()
    assert decision.due_at == end_of_day(date(2026, 4, 16))
    assert complaint.due_at == end_of_day(date(2026, 5, 5))
    assert case.term_expires_at == end_of_day(date(2026, 6, 15))
    return decision, complaint, case


def test_a_calendar_edit_moves_open_due_dates_audited(world, open_items, django_capture_on_commit_callbacks):
    decision, complaint, case = open_items
    # The Government declares Thursday 16 April 2026 a day off.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        config_object_save(
            obj=CalendarException(date=date(2026, 4, 16), kind=CalendarException.Kind.DAY_OFF, note="Decree"),
            actor=world.auditor,
        )
    assert len(callbacks) == 1  # the recalculation, enqueued after commit (eager in tests)
    decision.refresh_from_db()
    complaint.refresh_from_db()
    case.refresh_from_db()
    assert decision.due_at == end_of_day(date(2026, 4, 17))
    assert complaint.due_at == end_of_day(date(2026, 5, 6))
    assert case.term_expires_at == end_of_day(date(2026, 6, 15))  # not touched by a day in April
    # The edit itself and each moved deadline are audit events, with old and new values.
    edit = AuditEvent.objects.get(action="config.created", object_type="ecase.calendarexception")
    assert edit.actor == world.auditor and edit.to_state == "" and edit.data["new"]["date"] == "2026-04-16"
    moved = AuditEvent.objects.filter(action="deadline.recomputed").order_by("seq")
    by_object = {(e.object_type, e.object_id): e for e in moved}
    event = by_object[("approvals.proceduraldecision", str(decision.pk))]
    assert event.data["old"].startswith("2026-04-16T23:59:59") and event.data["new"].startswith("2026-04-17T23:59:59")
    assert event.to_state == "" and event.case_id == decision.case_id
    assert ("complaints.complaint", str(complaint.pk)) in by_object
    # Later deadlines: nobody is told (only a deadline moving earlier is notified).
    assert not Notification.objects.filter(title__startswith="A deadline moved earlier").exists()
    # Running it again changes nothing.
    assert deadlines_recalculate().moved == 0


def test_a_deadline_moving_earlier_notifies_the_people_responsible(world, open_items):
    decision, _complaint, _case = open_items
    row = DecisionKindTerm.objects.get(kind=DecisionKind.TERMINATION)
    row.term_amount = 1
    config_object_save(obj=row, actor=world.auditor)
    result = deadlines_recalculate()
    decision.refresh_from_db()
    assert decision.due_at == end_of_day(date(2026, 4, 14))
    assert result.earlier >= 1
    told = Notification.objects.filter(title__startswith="A deadline moved earlier", user=world.prosecutor_a1)
    assert told.count() == 1 and told.get().level == "warning"
    edit = AuditEvent.objects.get(action="config.changed", object_type="approvals.decisionkindterm")
    assert edit.data["old"] == {"term_amount": 3} and edit.data["new"] == {"term_amount": 1}


def test_an_investigation_term_edit_moves_initial_terms_only(world, open_items, decisions):
    _decision, _complaint, case = open_items
    with time_machine.travel(at(2026, 4, 14), tick=False):
        extended = decisions.make(DecisionKind.TERM_EXTENSION, "approved").case
    extended.refresh_from_db()
    approved_term = extended.term_expires_at
    row = InvestigationTerm.objects.get(category=case.category)
    row.amount = 3
    config_object_save(obj=row, actor=world.auditor)
    deadlines_recalculate()
    case.refresh_from_db()
    extended.refresh_from_db()
    assert case.term_expires_at == end_of_day(date(2026, 7, 13))  # 3 months from 13 April 2026
    assert extended.term_expires_at == approved_term  # an extended term keeps its approved date
    # The case's investigator is responsible; a later term is not notified.
    assert not Notification.objects.filter(user=world.investigator_a, title__startswith="A deadline").exists()


def test_deleting_a_calendar_row_is_audited_and_recalculates(world, open_items):
    decision, _complaint, _case = open_items
    row = CalendarException.objects.create(date=date(2026, 4, 16), kind=CalendarException.Kind.DAY_OFF)
    deadlines_recalculate(since=date(2026, 4, 16))
    decision.refresh_from_db()
    assert decision.due_at == end_of_day(date(2026, 4, 17))
    config_object_delete(obj=row, actor=world.auditor)
    deadlines_recalculate(since=date(2026, 4, 16))
    decision.refresh_from_db()
    assert decision.due_at == end_of_day(date(2026, 4, 16))
    deleted = AuditEvent.objects.get(action="config.deleted")
    assert deleted.data["old"]["date"] == "2026-04-16" and deleted.data["new"] == {}


def test_the_command_prints_progress_per_source(open_items):
    from io import StringIO

    from django.core.management import call_command

    CalendarException.objects.create(date=date(2026, 4, 16), kind=CalendarException.Kind.DAY_OFF)
    out = StringIO()
    call_command("recalculate_deadlines", "--since", "2026-04-16", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["source", "checked", "moved", "earlier"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["approvals.pending"][:2] == ["1", "1"]
    assert rows["complaints.review"][:2] == ["1", "1"]
    assert rows["total"][1] == "2"


def test_a_term_rule_edit_moves_the_suspects_notice_deadline(world, decisions):
    with time_machine.travel(at(2026, 4, 13), tick=False):
        decision = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "approved")
    assert decision.suspect_notice_due_at == decision.decided_at + timedelta(hours=24)
    rule = TermRule.objects.get(code="suspect_notice")
    rule.amount = 12
    config_object_save(obj=rule, actor=world.auditor)
    result = deadlines_recalculate()
    decision.refresh_from_db()
    assert decision.suspect_notice_due_at == decision.decided_at + timedelta(hours=12)
    assert result.earlier == 1
    assert Notification.objects.filter(user=world.investigator_a, title__startswith="A deadline moved").exists()
