"""The kinds table: complete, consistent with the effects and the seeded terms; the terms are data."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from approvals import effects
from approvals.choices import DecisionKind, Issuer
from approvals.content import KIND_FIELD_NAMES
from approvals.kinds import FIELD_LABELS, KINDS
from approvals.models import DecisionKindTerm
from approvals.selectors import kind_terms
from approvals.services import decision_return, decision_revise, decision_submit


def test_every_kind_has_one_row_with_its_legal_basis_and_effect():
    assert set(KINDS) == set(DecisionKind.values)
    for kind, spec in KINDS.items():
        assert spec.kind == kind
        assert spec.legal_basis.startswith("CPC"), kind
        assert spec.effect in effects.EFFECTS, kind
        assert not spec.rejection_effect or spec.rejection_effect in effects.EFFECTS, kind
        assert set(spec.required) <= set(spec.fields) <= set(KIND_FIELD_NAMES), kind
        assert set(spec.fields) <= set(FIELD_LABELS), kind
        assert spec.case_states, kind
        assert spec.court_sanction == (spec.default_court_term is not None), kind
    # The prosecutor issues the cancellation of a termination; everything else the prosecutor approves.
    assert [k for k, s in KINDS.items() if not s.needs_approval] == [DecisionKind.TERMINATION_CANCELLATION]
    assert KINDS[DecisionKind.TERMINATION_CANCELLATION].issued_by == Issuer.PROSECUTOR
    assert [k for k, s in KINDS.items() if s.court_sanction] == [DecisionKind.PREVENTIVE_MEASURE]
    assert KINDS[DecisionKind.PREVENTIVE_MEASURE].default_court_term == timedelta(hours=48)


def test_the_data_migration_seeds_the_table_defaults(db):
    rows = {row.kind: row for row in DecisionKindTerm.objects.all()}
    assert set(rows) == set(DecisionKind.values)
    for kind, spec in KINDS.items():
        assert timedelta(hours=rows[kind].term_hours) == spec.default_term, kind
        court = rows[kind].court_term_hours
        assert (None if court is None else timedelta(hours=court)) == spec.default_court_term, kind
        assert kind_terms(kind).term == spec.default_term


def test_changing_the_term_in_the_table_changes_due_at(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.TERMINATION).update(term_hours=10)
    decision = decisions.make(DecisionKind.TERMINATION, "draft")
    submitted = decision_submit(decision_id=decision.pk, actor=decisions.author)
    assert submitted.due_at == submitted.submitted_at + timedelta(hours=10)

    DecisionKindTerm.objects.filter(kind=DecisionKind.TERMINATION).update(term_hours=100)
    other = decision_submit(decision_id=decisions.make(DecisionKind.TERMINATION).pk, actor=decisions.author)
    assert other.due_at == other.submitted_at + timedelta(hours=100)


def test_changing_the_court_term_changes_the_court_deadline(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.PREVENTIVE_MEASURE).update(court_term_hours=72)
    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending")
    assert decision.court_due_at == decision.detained_at + timedelta(hours=72)


def test_without_a_row_the_table_default_applies(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.INDICTMENT).delete()
    decision = decisions.make(DecisionKind.INDICTMENT, "pending")
    assert decision.due_at - decision.submitted_at == timedelta(days=5)


def test_the_clock_restarts_on_resubmission(decisions, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
        assert decision.due_at == start + timedelta(days=3)
    with time_machine.travel(start + timedelta(days=2), tick=False):
        decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Attach the expert's report.")
        decision_revise(decision_id=decision.pk, actor=world.investigator_a)
    later = start + timedelta(days=4)
    with time_machine.travel(later, tick=False):
        again = decision_submit(decision_id=decision.pk, actor=world.investigator_a)
    assert again.submitted_at == later
    assert again.due_at == later + timedelta(days=3)
    assert not again.is_overdue or timezone.now() > again.due_at


@pytest.mark.parametrize("hours_ago, overdue", [(80, True), (10, False)])
def test_is_overdue_in_queries_and_on_the_object(decisions, hours_ago, overdue):
    from approvals.models import ProceduralDecision

    with time_machine.travel(timezone.now() - timedelta(hours=hours_ago), tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
    decision.refresh_from_db()
    assert decision.is_overdue is overdue
    assert ProceduralDecision.objects.overdue().filter(pk=decision.pk).exists() is overdue
    annotated = ProceduralDecision.objects.with_overdue().get(pk=decision.pk)
    assert annotated.overdue is overdue
    assert ProceduralDecision.objects.with_overdue().filter(overdue=True, pk=decision.pk).exists() is overdue


def test_the_terms_are_edited_in_the_admin(decisions, admin_client):
    row = DecisionKindTerm.objects.get(kind=DecisionKind.TERMINATION)
    url = f"/admin/approvals/decisionkindterm/{row.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and b"CPC 35, 36, 288" in page.content
    response = admin_client.post(url, {"term_hours": "6", "court_term_hours": "", "note": "shortened"})
    assert response.status_code == 302
    decision = decision_submit(decision_id=decisions.make(DecisionKind.TERMINATION).pk, actor=decisions.author)
    assert decision.due_at - decision.submitted_at == timedelta(hours=6)
    # Decisions themselves are read-only in the admin: no status field to set by hand.
    assert admin_client.get(f"/admin/approvals/proceduraldecision/{decision.pk}/change/").status_code == 200
    assert (
        admin_client.post(
            f"/admin/approvals/proceduraldecision/{decision.pk}/change/", {"status": "approved"}
        ).status_code
        == 403
    )
