"""The rules that guard invariants of other apps: a complaint answered late (a real violation), a complaint
refused without the recorded explanation, and a document changed after submission (both impossible through
eCase: each rule finds nothing on data made through the services, and finds the row forced by raw SQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from approvals import services as decision_services
from approvals.choices import DecisionKind
from complaints import services as complaint_services
from complaints.choices import ComplaintStatus as S
from complaints.models import Complaint
from ecase.exceptions import Conflict
from legality.choices import FindingStatus
from tests.complaints.conftest import _kinds, complaint_in, file_complaint  # noqa: F401  (fixtures)

from .conftest import finding, sync
from .test_rules import _pdf

pytestmark = pytest.mark.django_db


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# --- complaint_answered_late -------------------------------------------------------------------------------


def test_complaint_answered_late(world, make_case, file_complaint):  # noqa: F811
    case = make_case()
    with time_machine.travel(timezone.now() - timedelta(days=60)):
        complaint, _key = file_complaint(actor=world.citizen, case_number=case.number)
        complaint_services.complaint_register(
            complaint_id=complaint.pk,
            actor=world.prosecutor_a1,
            office_id=world.dist_a1.pk,
            executor_id=world.prosecutor_a1.pk,
        )
    assert complaint.case_id == case.pk
    assert "complaint_answered_late" not in sync(case)  # still open: late, but not answered yet
    complaint_services.complaint_satisfy(complaint_id=complaint.pk, actor=world.prosecutor_a1, answer="Granted.")
    assert "complaint_answered_late" in sync(case)
    found = finding(case, "complaint_answered_late")
    assert found.object_key == f"complaint:{complaint.pk}" and found.facts["late_hours"] > 0
    # The record corrected (e.g. the answer was in fact sent on time): the finding resolves by itself.
    _sql("UPDATE complaints_complaint SET answered_at = due_at - interval '1 hour' WHERE id = %s", [complaint.pk])
    assert "complaint_answered_late" not in sync(case)
    assert finding(case, "complaint_answered_late").status == FindingStatus.RESOLVED


def test_complaint_answered_in_time(world, make_case, complaint_in):  # noqa: F811
    case = make_case()
    for state in (S.SATISFIED, S.FORWARDED, S.REFUSED):
        assert complaint_in(state, case_number=case.number).case_id == case.pk
    assert not {"complaint_answered_late", "complaint_refused_unexplained"} & sync(case)


# --- complaint_refused_unexplained --------------------------------------------------------------------------


def test_refusal_without_explanation_is_found(world, make_case, complaint_in):  # noqa: F811
    case = make_case()
    refused = complaint_in(S.REFUSED, case_number=case.number)
    assert "complaint_refused_unexplained" not in sync(case)
    explanation_id = refused.explanation_id
    # The database refuses such a row (a check constraint); drop it for this test's transaction only (the
    # deferred foreign-key checks are run first: a table with pending ones cannot be altered).
    _sql("SET CONSTRAINTS ALL IMMEDIATE", [])
    _sql("ALTER TABLE complaints_complaint DROP CONSTRAINT complaint_refused_needs_explanation", [])
    _sql("UPDATE complaints_complaint SET explanation_id = NULL WHERE id = %s", [refused.pk])
    assert Complaint.objects.get(pk=refused.pk).status == S.REFUSED
    assert "complaint_refused_unexplained" in sync(case)
    assert finding(case, "complaint_refused_unexplained").facts["complaint"] == refused.tracking_number
    _sql("UPDATE complaints_complaint SET explanation_id = %s WHERE id = %s", [explanation_id, refused.pk])
    assert "complaint_refused_unexplained" not in sync(case)
    assert finding(case, "complaint_refused_unexplained").status == FindingStatus.RESOLVED


# --- document_changed_after_submission ----------------------------------------------------------------------


@pytest.fixture
def submitted(world, decisions, make_case):
    """A petition for a preventive measure submitted with its materials attached."""
    case = make_case()
    petition = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending", case=case)
    decision_services.decision_return(decision_id=petition.pk, actor=world.prosecutor_a1, remarks="Attach.")
    decision_services.decision_revise(decision_id=petition.pk, actor=world.investigator_a)
    decision_services.decision_attach_document(decision_id=petition.pk, actor=world.investigator_a, upload=_pdf())
    decision_services.decision_submit(decision_id=petition.pk, actor=world.investigator_a)
    return petition


def test_documents_as_submitted_find_nothing(submitted):
    fingerprint = submitted.case.legality_fingerprints.latest("submitted_at")
    assert len(fingerprint.documents) == 1
    assert "document_changed_after_submission" not in sync(submitted.case)


def test_document_content_replaced_after_submission(world, submitted):
    attachment = submitted.attachments.select_related("document").get()
    original = attachment.document.sha256
    _sql("UPDATE ecase_document SET sha256 = %s WHERE id = %s", ["0" * 64, attachment.document_id])
    assert "document_changed_after_submission" in sync(submitted.case)
    found = finding(submitted.case, "document_changed_after_submission")
    assert found.facts["changed"] == [str(attachment.document_id)] and found.blocks_approval
    with pytest.raises(Conflict, match="Document changed after submission"):
        decision_services.decision_approve(decision_id=submitted.pk, actor=world.prosecutor_a1)
    _sql("UPDATE ecase_document SET sha256 = %s WHERE id = %s", [original, attachment.document_id])
    assert "document_changed_after_submission" not in sync(submitted.case)
    assert finding(submitted.case, "document_changed_after_submission").status == FindingStatus.RESOLVED


def test_document_removed_after_submission(submitted):
    attachment = submitted.attachments.get()
    _sql("DELETE FROM approvals_decisiondocument WHERE id = %s", [attachment.pk])
    assert "document_changed_after_submission" in sync(submitted.case)
    assert finding(submitted.case, "document_changed_after_submission").facts["removed"] == [
        str(attachment.document_id)
    ]
