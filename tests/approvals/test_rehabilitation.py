"""Issue 11 item 5: a termination fixes its ground as it was when approved. A later edit of the ground table
changes no past decision, none of its statistics and not its signature check; on a rehabilitating ground the
suspects are rehabilitated, a notice of the right to compensation is attached to the case, and its hand-over
is a deadline the investigator closes."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as global_apps
from django.utils import timezone

from approvals.choices import DecisionKind
from approvals.models import ProceduralDecision
from approvals.signing import signature_verify
from ecase.audit.models import AuditEvent
from ecase.deadline_sources import REHABILITATION_SOURCE
from ecase.models import Case, Rehabilitation, TerminationGround
from ecase.reminders.services import deadline_scan
from ecase.services.rehabilitation import HANDOVER_TERM, rehabilitation_handover
from ecase.terms.engine import end_moment
from stats.period import Period
from tests.stats.helpers import figures, report_for


@pytest.fixture
def terminated(decisions, world, make_case):
    """A case with a suspect, terminated on 35-1-2 (no elements of an offence: rehabilitating)."""
    case = make_case(investigator=world.investigator_a)
    decisions.suspect(case)
    decision = decisions.make(DecisionKind.TERMINATION, "approved", case=case, termination_ground="35-1-2")
    return decision


def test_the_ground_is_fixed_on_the_decision_and_the_case(terminated):
    terminated.refresh_from_db()
    assert (terminated.ground_code, terminated.ground_rehabilitating) == ("35-1-2", True)
    assert terminated.ground_title == "No elements of a criminal offence in the act"
    assert Case.objects.get(pk=terminated.case_id).termination_rehabilitating is True


def test_a_later_edit_of_the_ground_table_changes_no_past_decision(terminated, world):
    case = Case.objects.get(pk=terminated.case_id)
    stats_before = figures(report_for(world.senior_a1, _stats_period()))["cases_terminated"]
    assert stats_before["rehabilitating"]["cases"] == 1
    assert signature_verify(decision=terminated).valid

    TerminationGround.objects.filter(code="35-1-2").update(is_rehabilitating=False, title="Edited title")

    decision = ProceduralDecision.objects.get(pk=terminated.pk)
    assert (decision.ground_code, decision.ground_title, decision.ground_rehabilitating) == (
        "35-1-2",
        "No elements of a criminal offence in the act",
        True,
    )
    case.refresh_from_db()
    assert case.termination_rehabilitating is True
    assert figures(report_for(world.senior_a1, _stats_period()))["cases_terminated"] == stats_before
    verification = signature_verify(decision=decision)
    assert verification.valid and verification.content_matches


def _stats_period():
    today = timezone.localdate()
    return Period(today - timedelta(days=30), today)


def test_suspects_are_rehabilitated_with_a_notice_and_a_handover_deadline(terminated, world, api_as):
    (record,) = Rehabilitation.objects.all()
    assert record.case_id == terminated.case_id and record.person.full_name == "Suspect Serik"
    assert (record.ground_code, record.decision_reference) == ("35-1-2", f"decision:{terminated.pk}")
    assert record.handover_due_at == end_moment(HANDOVER_TERM, record.rehabilitated_at)
    document = record.notice_document
    assert document.case_id == terminated.case_id and document.content_type == "text/plain"
    text = document.file.read().decode()
    assert "Suspect Serik" in text and "35-1-2" in text and "38" in text
    assert AuditEvent.objects.filter(action="person.rehabilitated", case_id=terminated.case_id).count() == 1

    # The hand-over is a deadline item: reminded before its end ...
    deadline_scan(now=record.handover_due_at - timedelta(hours=2))
    from ecase.models import Notice

    assert Notice.objects.filter(source=REHABILITATION_SOURCE, item_id=record.pk).count() == 1
    # ... and closed when the investigator records it (API).
    url = f"/api/v1/cases/{terminated.case_id}/rehabilitations/{record.pk}/handover/"
    assert api_as(world.prosecutor_a1).post(url, {}, format="json").status_code == 403
    assert api_as(world.investigator_b).post(url, {}, format="json").status_code == 404
    response = api_as(world.investigator_a).post(url, {}, format="json")
    assert response.status_code == 200 and response.json()["handed_over_at"]
    assert api_as(world.investigator_a).post(url, {}, format="json").status_code == 400
    record.refresh_from_db()
    assert record.handed_over_by == world.investigator_a
    assert not Rehabilitation.objects.filter(handed_over_at__isnull=True).exists()


def test_a_non_rehabilitating_ground_rehabilitates_nobody(decisions, world, make_case):
    case = make_case(investigator=world.investigator_a)
    decisions.suspect(case)
    decision = decisions.make(DecisionKind.TERMINATION, "approved", case=case, termination_ground="35-1-4")
    decision.refresh_from_db()
    assert decision.ground_rehabilitating is False
    assert not Rehabilitation.objects.exists()


def test_handover_service_refuses_a_time_before_the_decision(terminated, world):
    from django.core.exceptions import ValidationError

    record = Rehabilitation.objects.get()
    with pytest.raises(ValidationError):
        rehabilitation_handover(
            rehabilitation_id=record.pk,
            actor=world.investigator_a,
            handed_over_at=record.rehabilitated_at - timedelta(days=1),
        )


def test_the_data_migration_backfills_past_terminations(terminated):
    ProceduralDecision.objects.filter(pk=terminated.pk).update(
        ground_code="", ground_title="", ground_rehabilitating=None
    )
    migration = importlib.import_module("approvals.migrations.0008_backfill_ground_at_decision")
    migration.backfill(global_apps, None)
    decision = ProceduralDecision.objects.get(pk=terminated.pk)
    assert (decision.ground_code, decision.ground_rehabilitating) == ("35-1-2", True)
    assert signature_verify(decision=decision).valid


def test_a_cancelled_termination_voids_the_rehabilitation_and_its_deadline(terminated, decisions, world):
    case = Case.objects.get(pk=terminated.case_id)
    from approvals import services
    from approvals.content import DecisionContent

    cancellation = services.decision_create(
        actor=world.prosecutor_a1,
        case_id=case.pk,
        kind=DecisionKind.TERMINATION_CANCELLATION,
        content=DecisionContent(text="The termination was unlawful."),
    )
    services.decision_issue(decision_id=cancellation.pk, actor=world.prosecutor_a1)
    assert Case.objects.get(pk=case.pk).termination_rehabilitating is None
    record = Rehabilitation.objects.get()
    assert record.cancelled_at is not None
    assert AuditEvent.objects.filter(action="rehabilitation.cancelled", case=case).count() == 1
    deadline_scan(now=record.handover_due_at - timedelta(hours=2))
    from ecase.models import Notice

    assert not Notice.objects.filter(source=REHABILITATION_SOURCE, item_id=record.pk).exists()
