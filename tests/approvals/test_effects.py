"""What each kind does to the case when it takes effect, and that approval and effect are one transaction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.utils import timezone

from approvals import services, urgent
from approvals.choices import DecisionKind, DecisionStatus, PreventiveMeasure
from approvals.content import DecisionContent
from approvals.models import DecisionSignature, ProceduralDecision
from ecase.choices import ActionKind, ActionReview, CaseStatus, ParticipantRole
from ecase.exceptions import Conflict
from ecase.models import AuditEvent, Case, InvestigativeAction, Participant
from ecase.services.cases import action_record
from ecase.terms.engine import end_of_day
from ecase.validators import make_iin
from tests.approvals.factories import add_witness

K = DecisionKind


def _approve(decisions, kind, case=None, **fields):
    decision = decisions.make(kind, "pending", case=case, **fields)
    return services.decision_approve(decision_id=decision.pk, actor=decisions.prosecutor)


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_suspect_recognition_of_a_new_person(decisions):
    decision = _approve(decisions, K.SUSPECT_RECOGNITION, person_full_name="Omarov Serik", qualification="190 p.2")
    suspect = decision.suspect_participant
    assert suspect is not None and suspect.role == ParticipantRole.SUSPECT
    assert suspect.person.full_name == "Omarov Serik" and suspect.qualification == "190 p.2"
    assert decision.person == suspect.person
    # CPC 206 p.1: the suspect must be told within 24 hours: a clock of its own.
    assert decision.suspect_notice_due_at == decision.decided_at + timedelta(hours=24)
    assert AuditEvent.objects.filter(action="participant.recognised_suspect", case=decision.case).count() == 1


def test_suspect_recognition_of_an_existing_witness(decisions, make_case, world):
    case = make_case()
    witness_id = add_witness(case, world.investigator_a)
    decision = _approve(
        decisions, K.SUSPECT_RECOGNITION, case=case, participant=witness_id, person_full_name="", qualification="188"
    )
    witness = Participant.objects.get(pk=witness_id)
    roles = set(Participant.objects.filter(case=case, person=witness.person).values_list("role", flat=True))
    assert roles == {ParticipantRole.WITNESS, ParticipantRole.SUSPECT}
    assert decision.suspect_participant.person_id == witness.person_id


def test_qualification_change(decisions):
    decision = _approve(decisions, K.QUALIFICATION_CHANGE, qualification="191 p.3")
    assert _fresh(decision.case).qualification == "191 p.3"
    event = AuditEvent.objects.get(action="case.qualification_changed", case=decision.case)
    assert event.data == {"from": "188 p.2", "to": "191 p.3"}


@pytest.mark.parametrize("ground, rehabilitating", [("35-1-2", True), ("35-1-4", False)])
def test_termination_with_its_ground(decisions, ground, rehabilitating):
    decision = _approve(decisions, K.TERMINATION, termination_ground=ground)
    case = _fresh(decision.case)
    assert case.status == CaseStatus.TERMINATED
    assert case.termination_ground.code == ground
    assert case.termination_ground.is_rehabilitating is rehabilitating
    assert AuditEvent.objects.filter(action="case.terminate", case=case, to_state=CaseStatus.TERMINATED).count() == 1


def test_suspension_then_resumption_restores_the_term(decisions, make_case):
    case = make_case()
    term = case.term_expires_at
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _approve(decisions, K.SUSPENSION, case=case)
    assert _fresh(case).status == CaseStatus.SUSPENDED
    with time_machine.travel(start + timedelta(days=10), tick=False):
        resumption = services.decision_submit(
            decision_id=services.decision_create(
                actor=decisions.author, case_id=case.pk, kind=K.RESUMPTION, content=DecisionContent(text="Found.")
            ).pk,
            actor=decisions.author,
        )
        services.decision_approve(decision_id=resumption.pk, actor=decisions.prosecutor)
    case = _fresh(case)
    assert case.status == CaseStatus.INVESTIGATING
    # The term does not run while the case is suspended.
    assert case.term_expires_at == term + timedelta(days=10)


def test_term_extension(decisions, make_case):
    case = make_case()
    new_term = case.term_expires_at + timedelta(days=45)
    decision = _approve(decisions, K.TERM_EXTENSION, case=case, new_term_expires_at=new_term)
    assert _fresh(case).term_expires_at == new_term
    assert decision.previous_term_expires_at == case.term_expires_at


def test_preventive_measure_goes_to_court_and_takes_effect_on_sanction(decisions, world):
    decision = _approve(decisions, K.PREVENTIVE_MEASURE)
    assert decision.status == DecisionStatus.COURT_PENDING
    assert decision.court_due_at == decision.detained_at + timedelta(hours=48)
    assert decision.measure_expires_at is None
    sanctioned = services.decision_record_court_outcome(
        decision_id=decision.pk,
        actor=world.judge_a,
        outcome="sanctioned",
        measure_until=decision.measure_until - timedelta(days=10),
    )
    assert sanctioned.status == DecisionStatus.SANCTIONED
    assert sanctioned.court == world.court_a and sanctioned.court_decided_by == world.judge_a
    # A limit of liberty ends at 24:00 of its last day (end_of_day: 23:59:59.999999 Almaty) and never moves.
    assert sanctioned.measure_expires_at == end_of_day(sanctioned.measure_until)
    assert _fresh(decision.case).status == CaseStatus.INVESTIGATING


def test_preventive_measure_denied_records_nothing(decisions, world):
    decision = _approve(decisions, K.PREVENTIVE_MEASURE)
    with pytest.raises(ValidationError):
        services.decision_record_court_outcome(decision_id=decision.pk, actor=world.judge_a, outcome="denied")
    denied = services.decision_record_court_outcome(
        decision_id=decision.pk, actor=world.judge_a, outcome="denied", reason="No risk of flight is shown."
    )
    assert denied.status == DecisionStatus.DENIED and denied.measure_expires_at is None


def test_custody_is_limited_to_two_months(decisions, make_case):
    case = make_case()
    with pytest.raises(ValidationError) as exc:
        decisions.make(
            K.PREVENTIVE_MEASURE,
            "draft",
            case=case,
            measure=PreventiveMeasure.CUSTODY,
            measure_until=timezone.localdate() + timedelta(days=75),
        )
    assert "measure_until" in exc.value.message_dict


def test_indictment_sends_the_case_to_court(decisions):
    decision = _approve(decisions, K.INDICTMENT)
    assert _fresh(decision.case).status == CaseStatus.SENT_TO_COURT


def test_merger(decisions, make_case):
    case, main = make_case(), make_case()
    decision = _approve(decisions, K.MERGER, case=case, main_case=main.pk)
    case = _fresh(case)
    assert case.status == CaseStatus.MERGED and case.merged_into == main
    assert decision.main_case == main


@pytest.mark.parametrize("closing", [K.TERMINATION, K.SUSPENSION])
def test_the_prosecutor_cancels_a_termination_or_suspension(decisions, make_case, world, closing):
    case = make_case()
    _approve(decisions, closing, case=case)
    cancellation = services.decision_create(
        actor=world.prosecutor_a1,
        case_id=case.pk,
        kind=K.TERMINATION_CANCELLATION,
        content=DecisionContent(text="The termination was unlawful."),
    )
    issued = services.decision_issue(decision_id=cancellation.pk, actor=world.prosecutor_a1)
    assert issued.status == DecisionStatus.APPROVED and issued.decided_by == world.prosecutor_a1
    case = _fresh(case)
    assert case.status == CaseStatus.INVESTIGATING and case.termination_ground is None
    assert DecisionSignature.objects.filter(decision=issued, signed_by=world.prosecutor_a1).exists()


def test_an_investigator_cannot_draft_a_cancellation(decisions, make_case, world):
    case = make_case()
    _approve(decisions, K.TERMINATION, case=case)
    with pytest.raises(PermissionDenied):
        services.decision_create(
            actor=world.investigator_a,
            case_id=case.pk,
            kind=K.TERMINATION_CANCELLATION,
            content=DecisionContent(text="Please reopen."),
        )


@pytest.mark.parametrize("act, review", [("approve", ActionReview.LAWFUL), ("reject", ActionReview.UNLAWFUL)])
def test_urgent_action_review_marks_the_action(decisions, act, review):
    notice = decisions.make(K.URGENT_ACTION_NOTICE, "pending")
    if act == "approve":
        services.decision_approve(decision_id=notice.pk, actor=decisions.prosecutor)
    else:
        services.decision_reject(decision_id=notice.pk, actor=decisions.prosecutor, reason="No urgency was shown.")
    action = InvestigativeAction.objects.get(pk=notice.action_id)
    assert action.review == review
    event = AuditEvent.objects.get(action="action.reviewed", object_id=str(action.pk))
    assert event.data["evidence_admissible"] is (review == ActionReview.LAWFUL)


def test_a_rejected_decision_leaves_the_case_alone(decisions):
    decision = decisions.make(K.TERMINATION, "rejected")
    assert _fresh(decision.case).status == CaseStatus.INVESTIGATING
    assert decision.rejection_reason == "Unfounded." and not hasattr(decision, "signature")


# --- atomicity: approval and effect together, or neither ---------------------------------------------------


def _state(decision: ProceduralDecision) -> tuple:
    decision.refresh_from_db()
    case = _fresh(decision.case)
    return (
        decision.status,
        decision.decided_at,
        case.status,
        case.term_expires_at,
        Participant.objects.filter(case=case).count(),
        DecisionSignature.objects.filter(decision=decision).count(),
        AuditEvent.objects.count(),
    )


def test_approval_fails_with_conflict_when_the_case_has_moved(decisions, make_case):
    case = make_case()
    termination = decisions.make(K.TERMINATION, "pending", case=case)
    _approve(decisions, K.SUSPENSION, case=case)  # the case moves meanwhile
    before = _state(termination)
    with pytest.raises(Conflict):
        services.decision_approve(decision_id=termination.pk, actor=decisions.prosecutor)
    assert _state(termination) == before
    assert before[0] == DecisionStatus.PENDING and before[2] == CaseStatus.SUSPENDED


def test_a_failing_effect_rolls_the_approval_back(decisions, make_case, world):
    case = make_case()
    iin = make_iin(date(1985, 3, 14), 4321)  # two recognitions of one person
    first = decisions.make(K.SUSPECT_RECOGNITION, "pending", case=case, person_iin=iin)
    second = decisions.make(K.SUSPECT_RECOGNITION, "pending", case=case, person_iin=iin)
    services.decision_approve(decision_id=first.pk, actor=decisions.prosecutor)
    before = _state(second)
    with pytest.raises(Conflict):
        services.decision_approve(decision_id=second.pk, actor=decisions.prosecutor)
    assert _state(second) == before


def test_a_signing_failure_rolls_back_approval_and_effect(decisions, settings):
    decision = decisions.make(K.TERMINATION, "pending")
    before = _state(decision)
    settings.DECISION_SIGNING_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        services.decision_approve(decision_id=decision.pk, actor=decisions.prosecutor)
    assert _state(decision) == before


def test_an_extension_behind_the_current_term_conflicts(decisions, make_case):
    case = make_case()
    short = decisions.make(
        K.TERM_EXTENSION, "pending", case=case, new_term_expires_at=case.term_expires_at + timedelta(days=10)
    )
    _approve(decisions, K.TERM_EXTENSION, case=case, new_term_expires_at=case.term_expires_at + timedelta(days=40))
    before = _state(short)
    with pytest.raises(Conflict):
        services.decision_approve(decision_id=short.pk, actor=decisions.prosecutor)
    assert _state(short) == before


def test_a_merger_into_a_closed_case_conflicts(decisions, make_case):
    case, main = make_case(), make_case()
    merger = decisions.make(K.MERGER, "pending", case=case, main_case=main.pk)
    _approve(decisions, K.INDICTMENT, case=main)
    before = _state(merger)
    with pytest.raises(Conflict):
        services.decision_approve(decision_id=merger.pk, actor=decisions.prosecutor)
    assert _state(merger) == before


def test_submitting_when_the_case_has_moved_conflicts(decisions, make_case):
    case = make_case()
    draft = decisions.make(K.INDICTMENT, "draft", case=case)
    _approve(decisions, K.SUSPENSION, case=case)
    with pytest.raises(Conflict):
        services.decision_submit(decision_id=draft.pk, actor=decisions.author)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_a_rights_restricting_action_with_a_basis_needs_no_notice(decisions, world):
    basis = _approve(decisions, K.SUSPECT_RECOGNITION, person_full_name="Omarov Serik", qualification="190 p.2")
    action = action_record(
        case_id=basis.case_id,
        actor=world.investigator_a,
        kind=ActionKind.SEIZURE,
        performed_at=timezone.now(),
        description="Seizure under the approved decision.",
        basis_reference=f"D-{basis.pk}",
    )
    assert action.review == ActionReview.BASIS_APPROVED
    assert not ProceduralDecision.objects.filter(action=action).exists()


@pytest.mark.parametrize("reference", ["decision:1", "999999", "#0", "anything"])
def test_a_basis_reference_must_name_an_approved_decision_of_the_case(make_case, world, reference):
    case = make_case()
    with pytest.raises(ValidationError) as excinfo:
        action_record(
            case_id=case.pk,
            actor=world.investigator_a,
            kind=ActionKind.SEIZURE,
            performed_at=timezone.now(),
            description="Seizure claimed to rest on a basis.",
            basis_reference=reference,
        )
    assert "basis_reference" in excinfo.value.message_dict
    assert not InvestigativeAction.objects.filter(case=case).exists()


def test_a_pending_or_other_cases_decision_is_no_basis(decisions, make_case, world):
    pending = decisions.make(K.SUSPECT_RECOGNITION, "pending", person_full_name="Omarov Serik", qualification="190")
    approved_elsewhere = _approve(decisions, K.SUSPECT_RECOGNITION, person_full_name="Aliev Marat", qualification="190")
    other_case = make_case()
    for case_id, decision in ((pending.case_id, pending), (other_case.pk, approved_elsewhere)):
        with pytest.raises(ValidationError):
            action_record(
                case_id=case_id,
                actor=world.investigator_a,
                kind=ActionKind.SEARCH,
                performed_at=timezone.now(),
                description="Search.",
                basis_reference=f"#{decision.pk}",
            )


def test_a_rights_restricting_action_without_basis_becomes_an_urgent_notice(make_case, world):
    case = make_case()
    action = action_record(
        case_id=case.pk,
        actor=world.investigator_a,
        kind=ActionKind.COVERT_ACTION,
        performed_at=timezone.now() - timedelta(hours=2),
        description="Covert audio recording.",
    )
    notice = ProceduralDecision.objects.get(action=action)
    assert notice.kind == K.URGENT_ACTION_NOTICE and notice.status == DecisionStatus.PENDING
    assert notice.author == world.investigator_a and notice.case == case
    assert notice.due_at == notice.submitted_at + timedelta(hours=24)
    assert "Covert" in notice.text
    # Running the listener again adds nothing: one review per action.
    assert urgent.urgent_notice_create(action=action) is None
    assert ProceduralDecision.objects.filter(action=action).count() == 1
