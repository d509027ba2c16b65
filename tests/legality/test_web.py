"""The findings queue page and the benchmark command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from approvals.choices import DecisionKind

pytestmark = pytest.mark.django_db


def test_queue_for_prosecutors_only(client, world, decisions):
    decision = decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    client.force_login(world.prosecutor_a1)
    page = client.get(reverse("legality:queue"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Required documents missing" in body and decision.case.number in body
    assert "CPC art. 147 p.2, art. 288, art. 301" in body  # ecase.legal_refs
    assert client.get(reverse("legality:queue"), {"severity": "nonsense"}).status_code == 400
    assert decision.case.number not in client.get(reverse("legality:queue"), {"severity": "risk"}).content.decode()
    client.force_login(world.prosecutor_b1)
    assert decision.case.number not in client.get(reverse("legality:queue")).content.decode()
    client.force_login(world.investigator_a)
    assert client.get(reverse("legality:queue")).status_code == 403


def test_bench_command_prints_a_table(world, decisions):
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    out = StringIO()
    call_command("bench_legality", "--batch-size", "1", "--nights", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:2] == ["night", "cases"]
    assert len(lines) == 3
