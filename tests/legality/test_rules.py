"""Each rule: a case that triggers it, one that does not, and automatic resolution when the facts change.
Data is made through the services; a fact the services make impossible (a suspension without a ground) is
made through the case's own transition service, as old data migrated from paper would be."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals import services as decision_services
from approvals.choices import DecisionKind
from ecase.choices import ActionKind, CaseStatus
from ecase.models import AuditEvent
from ecase.services.cases import action_record, case_apply_transition, participant_add
from ecase.services.detentions import detention_record, detention_release
from ecase.services.rehabilitation import rehabilitation_handover
from ecase.validators import make_iin
from legality.choices import FindingStatus

from .conftest import finding, sync

pytestmark = pytest.mark.django_db


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "materials.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


# --- detention_overdue --------------------------------------------------------------------------------------


def test_detention_overdue(world, make_case):
    case = make_case()
    held = detention_record(
        case_id=case.pk,
        actor=world.investigator_a,
        detained_at=timezone.now() - timedelta(hours=50),
        full_name="Detained Daniyar",
        protocol_reference="P-1",
    )
    assert "detention_overdue" in sync(case)
    found = finding(case, "detention_overdue")
    assert found.object_key == f"detention:{held.pk}" and found.facts["person"] == "Detained Daniyar"
    assert AuditEvent.objects.filter(action="finding.opened", object_id=str(found.pk), to_state="open").exists()

    detention_release(detention_id=held.pk, actor=world.investigator_a)
    assert "detention_overdue" not in sync(case)
    found = finding(case, "detention_overdue")
    assert found.status == FindingStatus.RESOLVED
    assert AuditEvent.objects.filter(action="finding.resolved", object_id=str(found.pk)).exists()


def test_detention_within_the_limit(world, make_case):
    case = make_case()
    detention_record(
        case_id=case.pk,
        actor=world.investigator_a,
        detained_at=timezone.now() - timedelta(hours=50),
        full_name="Exceptional Erlan",
        protocol_reference="P-2",
        exceptional=True,
        exceptional_basis="A grave crime; identity being established.",
    )
    assert "detention_overdue" not in sync(case)


# --- term_expired -------------------------------------------------------------------------------------------


def test_term_expired_until_extended(decisions, make_case):
    case = make_case()
    assert "term_expired" not in sync(case)
    after = case.term_expires_at + timedelta(hours=1)
    assert "term_expired" in sync(case, now=after)
    decisions.make(DecisionKind.TERM_EXTENSION, "approved", case=case)
    assert "term_expired" not in sync(case, now=after)
    assert finding(case, "term_expired").status == FindingStatus.RESOLVED


# --- suspension ---------------------------------------------------------------------------------------------


def test_suspension_without_ground(world, decisions, make_case):
    case = make_case()
    case_apply_transition(case_id=case.pk, transition="suspend", actor=world.investigator_a, reason="legacy")
    assert "suspension_without_ground" in sync(case)
    _resume(world, case)
    assert "suspension_without_ground" not in sync(case)


def test_suspension_with_ground_is_fine(decisions, make_case):
    case = make_case()
    decisions.make(DecisionKind.SUSPENSION, "approved", case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert "suspension_without_ground" not in sync(case)


def test_suspension_stale_after_the_review_period(settings, world, decisions, make_case):
    settings.LEGALITY_SUSPENSION_REVIEW_DAYS = 90
    case = make_case()
    decisions.make(DecisionKind.SUSPENSION, "approved", case=case)
    assert "suspension_stale" not in sync(case)
    later = timezone.now() + timedelta(days=91)
    assert "suspension_stale" in sync(case, now=later)
    _resume(world, case)
    assert "suspension_stale" not in sync(case, now=later)


# --- suspect_notice_late ------------------------------------------------------------------------------------


def test_suspect_notice_late_and_resolved_when_the_notice_is_recorded(world, decisions, make_case):
    case = make_case()
    recognition = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "approved", case=case)
    assert "suspect_notice_late" not in sync(case)
    late = recognition.suspect_notice_due_at + timedelta(hours=1)
    assert "suspect_notice_late" in sync(case, now=late)
    decision_services.decision_record_suspect_notified(
        decision_id=recognition.pk, actor=world.investigator_a, notified_at=recognition.decided_at
    )
    assert "suspect_notice_late" not in sync(case, now=late)


# --- urgent_action_unnotified -------------------------------------------------------------------------------


def _resume(world, case) -> None:
    from approvals.content import DecisionContent

    resumption = decision_services.decision_create(
        actor=world.investigator_a,
        case_id=case.pk,
        kind=DecisionKind.RESUMPTION,
        content=DecisionContent(text="The suspect is found; the investigation goes on."),
    )
    decision_services.decision_submit(decision_id=resumption.pk, actor=world.investigator_a)
    decision_services.decision_approve(decision_id=resumption.pk, actor=world.prosecutor_a1)


def _search(world, case, hours_ago: float):
    return action_record(
        case_id=case.pk,
        actor=world.investigator_a,
        kind=ActionKind.SEARCH,
        performed_at=timezone.now() - timedelta(hours=hours_ago),
        description="Urgent search of the flat.",
    )


def test_urgent_action_notified_late_until_reviewed(world, make_case):
    case = make_case(registered_at=timezone.now() - timedelta(days=3))
    action = _search(world, case, hours_ago=30)
    assert "urgent_action_unnotified" in sync(case)
    assert finding(case, "urgent_action_unnotified").facts["problem"] == "late_notice"
    notice = action.decisions.get()
    decision_services.decision_approve(decision_id=notice.pk, actor=world.prosecutor_a1)
    assert "urgent_action_unnotified" not in sync(case)


def test_urgent_action_notified_in_time(world, make_case):
    case = make_case()
    _search(world, case, hours_ago=2)
    assert "urgent_action_unnotified" not in sync(case)


def test_unlawful_action_used_in_a_later_decision(world, decisions, make_case):
    case = make_case()
    action = _search(world, case, hours_ago=2)
    notice = action.decisions.get()
    decision_services.decision_reject(decision_id=notice.pk, actor=world.prosecutor_a1, reason="No urgency at all.")
    assert "urgent_action_unnotified" not in sync(case)
    later = decisions.make(DecisionKind.SUSPECT_RECOGNITION, "pending", case=case)
    assert "urgent_action_unnotified" in sync(case)
    assert finding(case, "urgent_action_unnotified").facts["later_decisions"] == [later.pk]
    decision_services.decision_reject(decision_id=later.pk, actor=world.prosecutor_a1, reason="Rests on the search.")
    assert "urgent_action_unnotified" not in sync(case)


# --- rehabilitation_notice_missing --------------------------------------------------------------------------


def test_rehabilitation_notice_after_custody(world, decisions, make_case):
    case = make_case()
    suspect = decisions.suspect(case)
    detention_record(
        case_id=case.pk,
        actor=world.investigator_a,
        detained_at=timezone.now() - timedelta(hours=3),
        participant_id=suspect,
        protocol_reference="P-3",
    )
    termination = decisions.make(DecisionKind.TERMINATION, "pending", case=case)
    decision_services.decision_return(decision_id=termination.pk, actor=world.prosecutor_a1, remarks="Attach.")
    decision_services.decision_revise(decision_id=termination.pk, actor=world.investigator_a)
    decision_services.decision_attach_document(decision_id=termination.pk, actor=world.investigator_a, upload=_pdf())
    decision_services.decision_submit(decision_id=termination.pk, actor=world.investigator_a)
    decision_services.decision_approve(decision_id=termination.pk, actor=world.prosecutor_a1)
    case.refresh_from_db()
    assert case.status == CaseStatus.TERMINATED and case.termination_rehabilitating
    assert "rehabilitation_notice_missing" not in sync(case)  # the notice is due in 5 days
    rehab = case.rehabilitations.get()
    late = rehab.handover_due_at + timedelta(hours=1)
    assert "rehabilitation_notice_missing" in sync(case, now=late)
    rehabilitation_handover(rehabilitation_id=rehab.pk, actor=world.investigator_a)
    assert "rehabilitation_notice_missing" not in sync(case, now=late)


def test_no_rehabilitation_notice_owed_without_custody(decisions, make_case):
    case = make_case()
    decisions.suspect(case)
    assert "rehabilitation_notice_missing" not in sync(case)


# --- required_documents_missing and resubmitted_unchanged (blocking) ----------------------------------------


def test_required_documents_missing_and_fixed(world, decisions, make_case):
    case = make_case()
    petition = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending", case=case)
    assert "required_documents_missing" in sync(case)
    decision_services.decision_return(decision_id=petition.pk, actor=world.prosecutor_a1, remarks="Attach.")
    decision_services.decision_revise(decision_id=petition.pk, actor=world.investigator_a)
    decision_services.decision_attach_document(decision_id=petition.pk, actor=world.investigator_a, upload=_pdf())
    decision_services.decision_submit(decision_id=petition.pk, actor=world.investigator_a)
    assert "required_documents_missing" not in sync(case)


def test_kind_without_required_documents(decisions, make_case):
    case = make_case()
    decisions.make(DecisionKind.SUSPENSION, "pending", case=case)
    assert "required_documents_missing" not in sync(case)


def _return_and_resubmit(world, decision_id, text=None):
    from approvals.content import DecisionContent

    decision_services.decision_return(decision_id=decision_id, actor=world.prosecutor_a1, remarks="Reasoning.")
    decision_services.decision_revise(decision_id=decision_id, actor=world.investigator_a)
    if text:
        decision_services.decision_update(
            decision_id=decision_id,
            actor=world.investigator_a,
            content=DecisionContent(text=text, suspension_ground="45-7-1"),
        )
    decision_services.decision_submit(decision_id=decision_id, actor=world.investigator_a)


def test_resubmitted_unchanged_twice(world, decisions, make_case):
    case = make_case()
    decision = decisions.make(DecisionKind.SUSPENSION, "pending", case=case)
    _return_and_resubmit(world, decision.pk)
    assert "resubmitted_unchanged" not in sync(case)  # once back unchanged: not yet
    _return_and_resubmit(world, decision.pk)
    assert "resubmitted_unchanged" in sync(case)
    assert finding(case, "resubmitted_unchanged").facts["earlier_submissions"] == 2
    _return_and_resubmit(world, decision.pk, text="The search for the suspect has been declared; reasons below.")
    assert "resubmitted_unchanged" not in sync(case)


# --- iin_conflict -------------------------------------------------------------------------------------------


def test_one_iin_under_two_names(world, decisions, make_case):
    case = make_case()
    iin = make_iin(timezone.localdate().replace(year=1990, month=5, day=17), 1234)
    participant_add(case_id=case.pk, actor=world.investigator_a, role="witness", full_name="Aliya Nurlanovna", iin=iin)
    assert "iin_conflict" not in sync(case)
    draft = decisions.make(
        DecisionKind.SUSPECT_RECOGNITION, "draft", case=case, person_full_name="Bolat Serikov", person_iin=iin
    )
    assert "iin_conflict" in sync(case)
    assert finding(case, "iin_conflict").facts["problems"] == ["two_names"]
    decision_services.decision_withdraw(decision_id=draft.pk, actor=world.investigator_a)
    assert "iin_conflict" not in sync(case)


def test_invalid_iin_is_found(world, make_case):
    """The services refuse an invalid IIN; a row imported around them is still caught."""
    from ecase.models import Participant, Person

    case = make_case()
    person = Person.objects.create(full_name="Imported Ivan", iin="900517300001")
    Participant.objects.create(case=case, person=person, role="witness", added_by=world.investigator_a)
    assert "iin_conflict" in sync(case)
    assert "invalid" in finding(case, "iin_conflict").facts["problems"]


# --- qualification_without_recognition ----------------------------------------------------------------------


def test_qualification_changed_without_new_recognition(decisions, make_case):
    case = make_case()
    decisions.suspect(case)
    decisions.make(DecisionKind.QUALIFICATION_CHANGE, "approved", case=case, qualification="190 p.1")
    assert "qualification_without_recognition" in sync(case)
    decisions.make(DecisionKind.QUALIFICATION_CHANGE, "approved", case=case, qualification="188 p.2")
    assert "qualification_without_recognition" not in sync(case)


def test_qualification_change_without_suspects(decisions, make_case):
    case = make_case()
    decisions.make(DecisionKind.QUALIFICATION_CHANGE, "approved", case=case, qualification="190 p.1")
    assert "qualification_without_recognition" not in sync(case)
