from __future__ import annotations

from datetime import datetime

import pytest
from django.db import transaction

from ecase.models import Case
from legality.choices import FindingStatus
from legality.facts import facts_load
from legality.models import Finding
from legality.services import findings_sync
from tests.approvals.factories import DecisionMaker


@pytest.fixture
def decisions(world, make_case) -> DecisionMaker:
    return DecisionMaker(world, make_case)


def sync(case: Case, now: datetime | None = None) -> set[str]:
    """Run the rules over one case (as the nightly scan does) and return the rules of its open findings."""
    with transaction.atomic():
        findings_sync(facts_list=facts_load([case.pk]), now=now)
    return open_rules(case)


def open_rules(case: Case) -> set[str]:
    return set(Finding.objects.filter(case=case, status=FindingStatus.OPEN).values_list("rule", flat=True))


def finding(case: Case, rule: str) -> Finding:
    return Finding.objects.filter(case=case, rule=rule).latest("id")
