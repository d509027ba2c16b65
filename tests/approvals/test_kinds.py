"""The kinds table: complete, consistent with the effects and the seeded terms; the terms are data."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

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
from ecase.terms.engine import Term, end_moment, end_of_day

ALMATY = ZoneInfo("Asia/Almaty")


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
    court_term = KINDS[DecisionKind.PREVENTIVE_MEASURE].default_court_term
    assert court_term is not None
    assert (court_term.amount, court_term.unit, court_term.moves_off_non_working) == (48, "hours", False)


def test_the_data_migration_seeds_the_table_defaults(db):
    rows = {row.kind: row for row in DecisionKindTerm.objects.all()}
    assert set(rows) == set(DecisionKind.values)
    for kind, spec in KINDS.items():
        row = rows[kind]
        assert (row.term_amount, row.term_unit) == (spec.default_term.amount, spec.default_term.unit), kind
        court = spec.default_court_term
        assert row.court_term_amount == (court.amount if court else None), kind
        assert row.article == spec.legal_basis, kind
        assert (kind_terms(kind).term.amount, kind_terms(kind).term.unit) == (
            spec.default_term.amount,
            spec.default_term.unit,
        )
    # The law's units: "3 days" is three days counted by the day rules, not 72 hours; 24 h stays hours.
    assert (rows["termination"].term_amount, rows["termination"].term_unit) == (3, "days")
    assert (rows["indictment"].term_amount, rows["indictment"].term_unit) == (5, "days")
    assert (rows["suspect_recognition"].term_amount, rows["suspect_recognition"].term_unit) == (24, "hours")


def test_changing_the_term_in_the_table_changes_due_at(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.TERMINATION).update(term_amount=10, term_unit="hours")
    decision = decisions.make(DecisionKind.TERMINATION, "draft")
    submitted = decision_submit(decision_id=decision.pk, actor=decisions.author)
    assert submitted.due_at == submitted.submitted_at + timedelta(hours=10)

    DecisionKindTerm.objects.filter(kind=DecisionKind.TERMINATION).update(term_amount=100, term_unit="hours")
    other = decision_submit(decision_id=decisions.make(DecisionKind.TERMINATION).pk, actor=decisions.author)
    assert other.due_at == other.submitted_at + timedelta(hours=100)


def test_a_term_in_days_follows_the_day_rules(decisions):
    # Submitted Friday 20 March 2026 10:00: 3 days end on Monday 23 March, a Nauryz holiday (as are 24-25):
    # the term ends at 24:00 on Thursday 26 March, not on Monday 10:00.
    with time_machine.travel(datetime(2026, 3, 20, 10, tzinfo=ALMATY), tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
    assert decision.due_at == end_of_day(date(2026, 3, 26))


def test_changing_the_court_term_changes_the_court_deadline(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.PREVENTIVE_MEASURE).update(court_term_amount=72)
    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "court_pending")
    assert decision.court_due_at == decision.detained_at + timedelta(hours=72)


def test_without_a_row_the_table_default_applies(decisions):
    DecisionKindTerm.objects.filter(kind=DecisionKind.INDICTMENT).delete()
    decision = decisions.make(DecisionKind.INDICTMENT, "pending")
    assert decision.due_at == end_moment(Term(5, "days"), decision.submitted_at)


def test_the_clock_restarts_on_resubmission(decisions, world):
    # Monday 13 April 2026 10:00: 3 days end at 24:00 on Thursday 16 April.
    start = datetime(2026, 4, 13, 10, tzinfo=ALMATY)
    with time_machine.travel(start, tick=False):
        decision = decisions.make(DecisionKind.TERMINATION, "pending")
        assert decision.due_at == end_of_day(date(2026, 4, 16))
    with time_machine.travel(start + timedelta(days=2), tick=False):
        decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Attach the expert's report.")
        decision_revise(decision_id=decision.pk, actor=world.investigator_a)
    later = start + timedelta(days=4)
    with time_machine.travel(later, tick=False):
        again = decision_submit(decision_id=decision.pk, actor=world.investigator_a)
    assert again.submitted_at == later
    # Friday 17 April + 3 days = Monday 20 April.
    assert again.due_at == end_of_day(date(2026, 4, 20))
    assert not again.is_overdue or timezone.now() > again.due_at


@pytest.mark.parametrize("hours_ago, overdue", [(24 * 8, True), (10, False)])
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
    response = admin_client.post(
        url,
        {
            "article": "CPC 35, 36, 288",
            "term_amount": "6",
            "term_unit": "hours",
            "court_term_amount": "",
            "court_term_unit": "hours",
            "note": "shortened",
        },
    )
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
