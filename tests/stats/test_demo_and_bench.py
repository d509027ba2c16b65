"""The statistics' bulk seeder (investigative actions for generated cases) and the benchmark command."""

import io
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from ecase.audit.services import ChainBreak, audit_verify_chain
from ecase.choices import ActionReview
from ecase.demo import SeedContext, seeders
from ecase.models import InvestigativeAction
from stats.demo import seed_actions_bulk

pytestmark = pytest.mark.django_db


def test_seeder_is_registered_after_the_apps_that_own_the_rows():
    names = [s.name for s in seeders()]
    assert "stats.actions" in names
    assert names.index("stats.actions") > names.index("approvals")
    assert names.index("stats.actions") > names.index("complaints")


def test_bulk_actions_cover_every_supervision_state_and_keep_the_audit_chain(world, make_case):

    now = timezone.now()
    ids = [make_case(registered_at=now - timedelta(days=3 + i)).pk for i in range(120)]
    ids += [make_case(registered_at=now - timedelta(hours=30)).pk for _ in range(20)]
    ctx = SeedContext(rng=random.Random(7), stdout=io.StringIO(), progress=False)
    seed_actions_bulk(ctx, ids)
    actions = InvestigativeAction.objects.filter(case_id__in=ids)
    assert actions.count() > 150
    states = set(actions.filter(restricts_rights=True).values_list("review", flat=True))
    assert states == {
        ActionReview.BASIS_APPROVED,
        ActionReview.LAWFUL,
        ActionReview.UNLAWFUL,
        ActionReview.AWAITING_REVIEW,
    }
    assert not actions.filter(restricts_rights=False).exclude(review=ActionReview.NOT_REQUIRED).exists()
    assert not actions.filter(review=ActionReview.BASIS_APPROVED, basis_reference="").exists()
    for action in actions.order_by("?")[:20]:
        assert action.case.registered_at <= action.performed_at <= now
    # Each action done without an approved basis has its urgent-action notice, in the matching state.
    notices = ProceduralDecision.objects.filter(kind=DecisionKind.URGENT_ACTION_NOTICE, case_id__in=ids)
    expected = {
        ActionReview.AWAITING_REVIEW: DecisionStatus.PENDING,
        ActionReview.LAWFUL: DecisionStatus.APPROVED,
        ActionReview.UNLAWFUL: DecisionStatus.REJECTED,
    }
    assert notices.count() == actions.filter(review__in=list(expected)).count()
    for notice in notices.select_related("action"):
        assert notice.status == expected[notice.action.review]
        assert notice.due_at == notice.submitted_at + timedelta(hours=24)
        assert (notice.decided_at is None) == (notice.status == DecisionStatus.PENDING)
        assert notice.decided_at is None or notice.decided_by.organisation_id == world.dist_a1.pk
    results = list(audit_verify_chain())
    assert not any(isinstance(r, ChainBreak) for r in results)
    # A second call for the same cases adds nothing.
    count = actions.count()
    seed_actions_bulk(ctx, ids)
    assert InvestigativeAction.objects.filter(case_id__in=ids).count() == count


def test_bench_prints_the_statistics_time_next_to_count(stats_world):
    out = io.StringIO()
    call_command("bench_stats", "--repeat", "1", "--date-from", "2026-03-01", "--date-to", "2026-03-31", stdout=out)
    text = out.getvalue()
    assert "SELECT count(*) over 6 tables: best" in text
    assert "Statistics query set (all indicators, period + previous): best" in text
    assert "ecase_case 9" in text  # the known world has nine cases
    assert "Page /stats/ rendered for auditor" in text
    assert "API /api/v1/stats/ for auditor" in text
