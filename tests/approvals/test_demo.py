"""The approvals demo seeder: a small world in every state through the services, and bulk decisions with
realistic outcomes and consistent cases and audit chain."""

from __future__ import annotations

import io
import random
from collections import Counter

import pytest
from django.db import transaction

from approvals import demo_data
from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from approvals.selectors import inbox_for
from ecase import demo
from ecase.audit.services import audit_verify_chain
from ecase.choices import CaseStatus, ParticipantRole
from ecase.models import Case, Participant
from ecase.seed.bulk import seed_bulk
from ecase.seed.cases import seed_base_cases
from ecase.seed.world import seed_organisations, seed_users

pytestmark = pytest.mark.django_db


def _world() -> demo.SeedContext:
    ctx = demo.SeedContext(rng=random.Random(7), stdout=io.StringIO(), progress=False)
    ctx.orgs.update(seed_organisations())
    ctx.users.update(seed_users(ctx.orgs))
    with transaction.atomic():
        seed_base_cases(ctx.users)
    return ctx


def _chain_is_intact() -> bool:
    return isinstance(list(audit_verify_chain())[-1], int)


def test_base_decisions_in_every_state_and_idempotent():
    ctx = _world()
    demo_data.seed_base(ctx)
    investigator, prosecutor = ctx.users["investigator"], ctx.users["prosecutor"]
    statuses = Counter(ProceduralDecision.objects.values_list("status", flat=True))
    assert set(statuses) == set(DecisionStatus.values) - {DecisionStatus.SANCTIONED, DecisionStatus.DENIED}
    inbox = list(inbox_for(user=prosecutor))
    assert any(d.is_overdue for d in inbox) and len(inbox) >= 4
    assert ProceduralDecision.objects.filter(author=investigator, status=DecisionStatus.RETURNED).exists()
    assert ProceduralDecision.objects.filter(
        kind=DecisionKind.TERMINATION_CANCELLATION, status=DecisionStatus.APPROVED
    ).exists()
    count = ProceduralDecision.objects.count()
    demo_data.seed_base(ctx)
    assert ProceduralDecision.objects.count() == count
    assert _chain_is_intact()


def test_bulk_decisions_are_realistic_and_consistent(monkeypatch):
    ctx = _world()
    monkeypatch.setattr(demo, "_seeders", {"approvals": demo._seeders["approvals"]})
    before = set(Case.objects.values_list("pk", flat=True))
    seed_bulk(ctx, count=400, batch_size=150)
    cases = Case.objects.exclude(pk__in=before)
    decisions = ProceduralDecision.objects.filter(case__in=cases)
    total = cases.count()
    assert total == 400

    terminations = decisions.filter(kind=DecisionKind.TERMINATION)
    assert 0.2 < terminations.values("case").distinct().count() / total < 0.4
    approved = terminations.filter(status=DecisionStatus.APPROVED)
    rehabilitating = approved.filter(termination_ground__is_rehabilitating=True).count() / approved.count()
    assert 0.1 < rehabilitating < 0.45
    assert terminations.filter(status=DecisionStatus.REJECTED).exists()
    recognitions = decisions.filter(kind=DecisionKind.SUSPECT_RECOGNITION)
    assert recognitions.filter(status=DecisionStatus.REJECTED).exists()  # exempted by the prosecutor's filter
    assert decisions.filter(status=DecisionStatus.PENDING).exists()

    # The case status follows the approved decision, and nothing else.
    closing = {
        CaseStatus.TERMINATED: DecisionKind.TERMINATION,
        CaseStatus.SENT_TO_COURT: DecisionKind.INDICTMENT,
        CaseStatus.SUSPENDED: DecisionKind.SUSPENSION,
    }
    for case in cases.select_related("termination_ground"):
        approved_closing = decisions.filter(case=case, kind__in=closing.values(), status=DecisionStatus.APPROVED)
        if case.status == CaseStatus.INVESTIGATING:
            assert not approved_closing.exists(), case.number
            continue
        decision = approved_closing.get()
        assert decision.kind == closing[case.status]
        assert case.status_changed_at == decision.decided_at
        if case.status == CaseStatus.TERMINATED:
            assert case.termination_ground_id == decision.termination_ground_id
    for decision in recognitions.filter(status=DecisionStatus.APPROVED):
        suspect = Participant.objects.get(pk=decision.suspect_participant_id)
        assert suspect.role == ParticipantRole.SUSPECT and suspect.case_id == decision.case_id
    for decision in decisions.filter(kind=DecisionKind.TERM_EXTENSION, status=DecisionStatus.APPROVED):
        assert decision.case.term_expires_at == decision.new_term_expires_at
    for decision in decisions.exclude(status=DecisionStatus.PENDING):
        assert decision.submitted_at <= decision.decided_at
    assert _chain_is_intact()
