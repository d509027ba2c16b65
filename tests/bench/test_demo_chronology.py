"""Demo data agrees with its own audit trail (issue 14 part 7): backdated facts have backdated events, in
order, and the timelines show them so."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import timedelta

import pytest
from django.core.management import call_command

from approvals.models import ProceduralDecision
from approvals.selectors import decision_history
from ecase.models import AuditEvent, Case
from ecase.selectors import case_timeline

pytestmark = pytest.mark.django_db

CASE_TYPE = Case._meta.label_lower
SAME = timedelta(seconds=1)


def _near(a, b) -> bool:
    return a is not None and b is not None and abs(a - b) <= SAME


def test_seeded_demo_is_consistent_with_its_audit_trail(require_postgres):
    call_command("seed_demo", cases=60, no_progress=True, stdout=io.StringIO())
    verify = io.StringIO()
    call_command("verify_audit", no_progress=True, stdout=verify)
    assert "intact" in verify.getvalue()

    events: dict[tuple[str, str], list[AuditEvent]] = defaultdict(list)
    for event in AuditEvent.objects.order_by("seq"):
        events[(event.object_type, event.object_id)].append(event)

    # Each object's story was written in the order it happened: along the chain, its events never go back.
    for key, own in events.items():
        times = [e.occurred_at for e in own]
        assert times == sorted(times), key

    cases = list(Case.objects.all())
    assert len(cases) > 100
    for case in cases:
        own = events[(CASE_TYPE, str(case.pk))]
        registered = [e for e in own if e.action == "case.registered"]
        assert len(registered) == 1 and _near(registered[0].occurred_at, case.registered_at), case.number
        timeline = list(case_timeline(case=case))
        assert timeline[0].action == "case.registered", case.number  # nothing before the case existed
        times = [e.occurred_at for e in timeline]
        assert times == sorted(times)
        assert all(t >= case.registered_at - SAME for t in times), case.number

    decisions = list(ProceduralDecision.objects.select_related("case"))
    assert len(decisions) > 50
    for d in decisions:
        label = f"decision {d.pk} ({d.kind}, {d.status})"
        assert d.created_at >= d.case.registered_at - SAME, label
        if d.submitted_at is not None:
            assert d.created_at <= d.submitted_at + SAME, label  # never drafted after it was submitted
        if d.decided_at is not None:
            assert (d.submitted_at or d.created_at) <= d.decided_at + SAME, label
        history = list(decision_history(decision=d))
        by_action = {e.action: e for e in history}
        if "decision.created" in by_action:
            assert _near(by_action["decision.created"].occurred_at, d.created_at), label
        if d.submitted_at is not None and "decision.submitted" in by_action:
            last_submission = [e for e in history if e.action == "decision.submitted"][-1]
            assert _near(last_submission.occurred_at, d.submitted_at), label
        for action in ("decision.approved", "decision.rejected", "decision.returned", "decision.issued"):
            if action in by_action and d.decided_at is not None and by_action[action].to_state == d.status:
                assert _near(by_action[action].occurred_at, d.decided_at), label
        times = [e.occurred_at for e in history]
        assert times == sorted(times), label
