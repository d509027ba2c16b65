"""bench_approve with tiny numbers: concurrent API clients approve distinct decisions; none lost or doubled."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from approvals.choices import DecisionStatus
from approvals.models import DecisionSignature, ProceduralDecision
from ecase.audit.services import ChainBreak, audit_verify_chain
from ecase.models import AuditEvent

# Transactional: the client threads commit for real, each on its own connection.
pytestmark = pytest.mark.django_db(transaction=True)


def test_bench_approve_prints_the_table_and_loses_nothing(require_postgres, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    out = io.StringIO()
    call_command("bench_approve", clients="1,3", decisions=4, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == [
        "clients",
        "approvals/s",
        "p50",
        "ms",
        "p99",
        "ms",
        "lost",
        "dup",
        "floor",
        "ev/s",
        "ratio",
    ]
    rows = [line.split() for line in lines[1:]]
    assert [(r[0], r[4], r[5]) for r in rows] == [("1", "0", "0"), ("3", "0", "0")]
    decisions = ProceduralDecision.objects.all()
    assert decisions.count() == 8 and set(decisions.values_list("status", flat=True)) == {DecisionStatus.APPROVED}
    assert DecisionSignature.objects.count() == 8
    assert AuditEvent.objects.filter(action="decision.approved").count() == 8
    assert AuditEvent.objects.filter(action="bench.floor").count() == 8
    assert not any(isinstance(step, ChainBreak) for step in audit_verify_chain())
    assert not AuditEvent.objects.filter(position__isnull=True).exists()
