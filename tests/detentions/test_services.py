"""The detention clock's services: record (48 h, 72 h on the exceptional ground, never moved), release, the
court's sanction through the approvals app, and the rules that keep bad input out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from approvals.choices import DecisionKind
from ecase.audit.models import AuditEvent
from ecase.choices import DetentionStatus
from ecase.models import Detention
from ecase.services.detentions import detention_release

ALMATY = ZoneInfo("Asia/Almaty")


def test_48_hours_from_the_actual_moment_and_the_end_never_moves(detain):
    # Friday 20 March 2026 18:30: the end is Sunday 22 March 18:30 (Nauryz and the weekend do not move it).
    start = datetime(2026, 3, 20, 18, 30, tzinfo=ALMATY)
    detention = detain(start)
    assert detention.ends_at == datetime(2026, 3, 22, 18, 30, tzinfo=ALMATY)
    assert detention.status == DetentionStatus.RUNNING
    event = AuditEvent.objects.get(action="detention.recorded")
    assert event.case_id == detention.case_id and event.data["exceptional"] is False


def test_72_hours_on_the_exceptional_ground_with_its_basis(detain):
    start = timezone.now() - timedelta(hours=1)
    detention = detain(start, exceptional=True, exceptional_basis="CPC 131 p.2: identity not established")
    assert detention.ends_at == start + timedelta(hours=72)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"exceptional": True}, "exceptional_basis"),  # the exceptional ground needs its basis
        ({"exceptional_basis": "why"}, "exceptional_basis"),  # a basis without the ground
        ({"protocol_reference": ""}, "protocol_reference"),  # no protocol at all
        ({"participant_id": None}, "participant"),  # nobody named
        ({"participant_id": 999_999}, "participant"),  # not a participant of the case
        ({"protocol_document_id": 999_999}, "protocol_document"),
    ],
)
def test_bad_input_is_refused_and_records_nothing(detain, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        detain(timezone.now() - timedelta(hours=1), **kwargs)
    assert field in exc.value.message_dict
    assert not Detention.objects.exists() and not AuditEvent.objects.filter(action="detention.recorded").exists()


def test_a_detention_cannot_start_in_the_future_nor_twice(detain):
    with pytest.raises(ValidationError) as exc:
        detain(timezone.now() + timedelta(hours=2))
    assert "detained_at" in exc.value.message_dict
    detain(timezone.now() - timedelta(hours=2))
    with pytest.raises(ValidationError) as exc:
        detain(timezone.now() - timedelta(hours=1))
    assert exc.value.message_dict["participant"] == ["This person is already detained in this case."]


def test_a_new_person_by_name(detain):
    detention = detain(timezone.now() - timedelta(hours=1), participant_id=None, full_name="Unknown Ualikhan")
    assert detention.person.full_name == "Unknown Ualikhan"


def test_only_the_cases_investigators_record_and_release(detain, case, world):
    from ecase.services.detentions import detention_record

    for outsider in (world.investigator_b, world.investigator_a3, world.prosecutor_a1, world.senior_a1):
        with pytest.raises(PermissionDenied):
            detention_record(
                case_id=case.pk,
                actor=outsider,
                detained_at=timezone.now() - timedelta(hours=1),
                full_name="Someone",
                protocol_reference="PR-1",
            )
    detention = detain(timezone.now() - timedelta(hours=1))
    with pytest.raises(PermissionDenied):
        detention_release(detention_id=detention.pk, actor=world.prosecutor_a1)
    # A colleague of the same body may release.
    released = detention_release(detention_id=detention.pk, actor=world.investigator_a2, note="Released.")
    assert released.status == DetentionStatus.RELEASED and released.stopped_by == world.investigator_a2


def test_release_stops_the_clock_once(detain, world):
    detention = detain(timezone.now() - timedelta(hours=3))
    with pytest.raises(ValidationError):
        detention_release(
            detention_id=detention.pk, actor=world.investigator_a, released_at=detention.detained_at - timedelta(1)
        )
    detention_release(detention_id=detention.pk, actor=world.investigator_a)
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.RELEASED and detention.stopped_at is not None
    with pytest.raises(TransitionNotAllowed):
        detention_release(detention_id=detention.pk, actor=world.investigator_a)
    assert AuditEvent.objects.filter(action="detention.released").count() == 1


def test_the_courts_sanction_of_a_measure_stops_the_persons_clock(decisions, world, make_case):
    case = make_case(investigator=world.investigator_a)
    suspect = decisions.suspect(case)
    from ecase.models import Participant
    from ecase.services.detentions import detention_record

    person = Participant.objects.get(pk=suspect).person
    detention = detention_record(
        case_id=case.pk,
        actor=world.investigator_a,
        detained_at=timezone.now() - timedelta(hours=5),
        participant_id=suspect,
        protocol_reference="PR-2",
    )
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending", case=case, participant=suspect)
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.RUNNING  # the prosecutor's approval alone does not stop it
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "denied", case=case, participant=suspect)
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.RUNNING  # a denial does not either: the person must be released
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "sanctioned", case=case, participant=suspect)
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.SANCTIONED and detention.person == person
    assert AuditEvent.objects.filter(action="detention.sanctioned", object_id=str(detention.pk)).exists()


def test_the_term_comes_from_the_term_tables_and_an_edit_recomputes_running_clocks(detain, world):
    """The clock reads the rules "detention" / "detention_exceptional" of the term tables (the calculator's);
    an audited edit of the rule recomputes the running clocks (with an audit event of old and new end)."""
    from ecase.services.config import config_object_save
    from ecase.terms.models import TermRule
    from ecase.terms.recalculation import deadlines_recalculate

    running = detain(timezone.now() - timedelta(hours=1))
    released = detain(timezone.now() - timedelta(hours=1), participant_id=None, full_name="Released Rustem")
    detention_release(detention_id=released.pk, actor=world.investigator_a)
    rule = TermRule.objects.get(code="detention")
    assert (rule.amount, rule.unit) == (48, "hours")
    rule.amount = 50
    config_object_save(obj=rule, actor=None)
    deadlines_recalculate()
    running.refresh_from_db()
    released.refresh_from_db()
    assert running.ends_at == running.detained_at + timedelta(hours=50)
    assert released.ends_at == released.detained_at + timedelta(hours=48)  # a stopped clock stays as it was
    assert AuditEvent.objects.filter(action="config.changed").exists()
