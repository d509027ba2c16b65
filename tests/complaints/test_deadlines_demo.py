"""The complaints' clocks in ecase's deadline registry, and the demo seeders."""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
import time_machine
from django.db.models import Count
from django.utils import timezone

from complaints.choices import ComplaintStatus as S
from complaints.demo_bulk import seed_bulk
from complaints.demo_data import seed_base
from complaints.models import Complaint, ComplaintExplanation
from ecase import deadlines
from ecase.demo import SeedContext
from ecase.models import Notice

pytestmark = pytest.mark.django_db


def test_sources_are_registered_with_their_clocks_and_people(world, complaint_in):
    review = deadlines.source("complaints.review")
    explanation = deadlines.source("complaints.explanation")
    assert (review.deadline_field, explanation.deadline_field) == ("due_at", "explanation_due_at")
    submitted = complaint_in(S.SUBMITTED)
    in_review = complaint_in(S.IN_REVIEW)
    pending = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    complaint_in(S.SATISFIED)
    assert set(review.open_items()) == {submitted, in_review}
    assert set(explanation.open_items()) == {pending}
    assert review.responsible(in_review) == [world.prosecutor_a1]
    assert review.responsible(submitted) == [world.senior_a1]  # not yet assigned: the office's seniors route it
    assert explanation.responsible(pending) == [world.senior_a1]
    assert review.escalation_office(in_review) == world.dist_a1
    assert explanation.escalation_office(pending) == world.reg_a
    assert review.url(in_review) == f"/complaints/{in_review.pk}/"
    assert in_review.tracking_number in review.describe(in_review)


def test_the_description_of_a_complaint_clock_is_translated(complaint_in):
    from django.utils import translation

    complaint = complaint_in(S.IN_REVIEW)
    describe = deadlines.source("complaints.review").describe
    kind = complaint.kind.display_title
    assert describe(complaint) == f"Complaint {complaint.tracking_number} ({kind})"
    with translation.override("ru"):
        assert describe(complaint) == f"Жалоба {complaint.tracking_number} ({complaint.kind.display_title})"
    with translation.override("kk"):
        assert describe(complaint) == f"{complaint.tracking_number} шағымы ({complaint.kind.display_title})"


def test_the_scan_records_notices_for_overdue_complaints(world, complaint_in):
    from ecase.reminders.services import deadline_scan

    complaint = complaint_in(S.IN_REVIEW)
    with time_machine.travel(complaint.due_at + timedelta(hours=2), tick=False):
        deadline_scan(enqueue=lambda ids: None)
    notices = Notice.objects.filter(source="complaints.review", item_id=complaint.pk)
    assert notices.count() == 1 and notices.get().deadline == complaint.due_at


def _ctx(world, seed=7):
    return SeedContext(
        rng=random.Random(seed),
        stdout=io.StringIO(),
        orgs={"ala-medeu": world.dist_a1},
        users={"prosecutor": world.prosecutor_a1, "senior": world.senior_a1, "citizen": world.citizen},
        progress=False,
    )


def test_demo_base_is_a_dozen_complaints_in_every_state_and_idempotent(world, make_case):
    make_case()
    ctx = _ctx(world)
    seed_base(ctx)
    count = Complaint.objects.count()
    assert count >= 12
    states = set(Complaint.objects.values_list("status", flat=True))
    assert states == set(S.values)
    assert Complaint.objects.filter(complainant=world.citizen).count() >= 5
    assert Complaint.objects.filter(complainant__isnull=True, channel="web").exists()
    assert Complaint.objects.filter(extended_until__isnull=False).exists()
    assert Complaint.objects.filter(appeal_of__isnull=False, office=world.reg_a).exists()
    assert "access key" in ctx.stdout.getvalue()
    seed_base(_ctx(world))
    assert Complaint.objects.count() == count


def test_demo_bulk_writes_consistent_complaints_for_about_a_tenth_of_cases(world, make_case):
    case_ids = [make_case().pk for _ in range(60)]
    seed_bulk(_ctx(world, seed=3), case_ids)
    complaints = Complaint.objects.all()
    assert 1 <= complaints.count() <= 20
    assert set(complaints.values_list("case_id", flat=True)) <= set(case_ids)
    refused = complaints.filter(status=S.REFUSED)
    assert refused.filter(explanation__isnull=True).count() == 0
    assert ComplaintExplanation.objects.count() == refused.count()
    for c in complaints.exclude(status__in=[S.SUBMITTED]):
        assert c.executor_id and c.registered_at and c.registered_at >= c.received_at
    for c in complaints.filter(answered_at__isnull=False):
        assert c.received_at < c.answered_at <= timezone.now()
    by_kind = dict(complaints.values_list("kind").annotate(n=Count("id")))
    assert sum(by_kind.values()) == complaints.count()
