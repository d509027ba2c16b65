"""Concurrent prosecutors on PostgreSQL: real threads, each with its own database connection."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from rest_framework.test import APIClient

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import DecisionSignature, ProceduralDecision
from ecase.audit.services import audit_verify_chain
from ecase.choices import CaseStatus
from ecase.models import AuditEvent, Case

# Transactional: the threads commit for real. The reference rows the migrations seed (termination grounds,
# kind terms) come back after every flush through post_migrate (ecase.reference_data).
pytestmark = pytest.mark.django_db(transaction=True)


def _fire(requests: list[tuple]) -> list[int]:
    """POST every (user, url, body) at once (a barrier releases them together); return the status codes."""
    barrier = threading.Barrier(len(requests))
    codes: list[int] = [0] * len(requests)
    errors: list[BaseException] = []

    def worker(i: int, user, url: str, body: dict) -> None:
        client = APIClient()
        client.force_authenticate(user=user)
        try:
            barrier.wait(timeout=30)
            codes[i] = client.post(url, body, format="json").status_code
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=worker, args=(i, *r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    return codes


def test_ten_concurrent_approvals_and_rejections(require_postgres, decisions, world):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    url = f"/api/v1/decisions/{decision.pk}/"
    requests = []
    for i in range(10):
        if i % 2 == 0:
            requests.append((world.prosecutor_a1, url + "approve/", {"note": f"approve {i}"}))
        else:
            requests.append((world.senior_a1, url + "reject/", {"reason": f"reject {i}"}))
    codes = _fire(requests)

    assert Counter(codes) == {200: 1, 409: 9}, codes
    decision.refresh_from_db()
    case = Case.objects.get(pk=decision.case_id)
    winner = codes.index(200)
    if winner % 2 == 0:
        assert decision.status == DecisionStatus.APPROVED and decision.decided_by == world.prosecutor_a1
        assert case.status == CaseStatus.TERMINATED
        assert DecisionSignature.objects.filter(decision=decision).count() == 1
    else:
        assert decision.status == DecisionStatus.REJECTED and decision.rejection_reason == f"reject {winner}"
        assert case.status == CaseStatus.INVESTIGATING
        assert not DecisionSignature.objects.filter(decision=decision).exists()
    decided = AuditEvent.objects.filter(
        object_type="approvals.proceduraldecision",
        object_id=str(decision.pk),
        action__in=["decision.approved", "decision.rejected"],
    )
    assert decided.count() == 1
    assert AuditEvent.objects.filter(case=case, action="case.terminate").count() == (1 if winner % 2 == 0 else 0)
    last = list(audit_verify_chain())[-1]
    assert isinstance(last, int), last  # no ChainBreak: the chain stayed linear under the race


def test_two_decisions_racing_for_one_case(require_postgres, decisions, world, make_case):
    """A termination and a suspension of the same case approved at once: the case takes exactly one."""
    case = make_case()
    termination = decisions.make(DecisionKind.TERMINATION, "pending", case=case)
    suspension = decisions.make(DecisionKind.SUSPENSION, "pending", case=case)
    requests = []
    for i in range(10):
        target = termination if i % 2 == 0 else suspension
        user = world.prosecutor_a1 if i < 5 else world.senior_a1
        requests.append((user, f"/api/v1/decisions/{target.pk}/approve/", {}))
    codes = _fire(requests)

    assert Counter(codes) == {200: 1, 409: 9}, codes
    statuses = set(
        ProceduralDecision.objects.filter(pk__in=[termination.pk, suspension.pk]).values_list("status", flat=True)
    )
    assert statuses == {DecisionStatus.APPROVED, DecisionStatus.PENDING}
    case.refresh_from_db()
    won_termination = codes.index(200) % 2 == 0
    assert case.status == (CaseStatus.TERMINATED if won_termination else CaseStatus.SUSPENDED)
    assert AuditEvent.objects.filter(case=case, action__in=["case.terminate", "case.suspend"]).count() == 1
