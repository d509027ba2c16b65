"""The legality demo seeder: through the services, idempotent, and the assistant visibly at work."""

from __future__ import annotations

import io
import random

import pytest
from django.db import transaction

from approvals import demo_data as approvals_demo
from ecase import demo
from ecase.seed.cases import seed_base_cases
from ecase.seed.world import seed_organisations, seed_users
from legality import demo_data
from legality.choices import FindingStatus
from legality.models import Finding

pytestmark = pytest.mark.django_db

SHOWN = {
    "detention_overdue",
    "urgent_action_unnotified",
    "suspect_notice_late",
    "resubmitted_unchanged",
    "required_documents_missing",
    "iin_conflict",
    "qualification_without_recognition",
}


def test_demo_triggers_the_rules_and_is_idempotent():
    ctx = demo.SeedContext(rng=random.Random(7), stdout=io.StringIO(), progress=False)
    ctx.orgs.update(seed_organisations())
    ctx.users.update(seed_users(ctx.orgs))
    with transaction.atomic():
        seed_base_cases(ctx.users)
    approvals_demo.seed_base(ctx)
    demo_data.seed_base(ctx)
    open_rules = set(Finding.objects.filter(status=FindingStatus.OPEN).values_list("rule", flat=True))
    assert open_rules >= SHOWN
    assert Finding.objects.filter(origin="prosecutor", rule="manual").count() == 1
    count = Finding.objects.count()
    demo_data.seed_base(ctx)
    assert Finding.objects.count() == count
