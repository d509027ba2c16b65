"""The rules run on submit; a blocking finding refuses approval (409, nothing written) and shows on the
decision page with its article instead of the approve form; fixing the decision resolves it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approvals import services as decision_services
from approvals.choices import DecisionKind, DecisionStatus
from approvals.content import DecisionContent
from approvals.models import ProceduralDecision
from ecase.exceptions import Conflict
from ecase.models import AuditEvent, Notification
from legality.choices import FindingStatus
from legality.models import Finding, SubmissionFingerprint

pytestmark = pytest.mark.django_db


FIXED = "The suspect is wanted; the search order is attached."


def _bounce(world, decision_id: int, times: int) -> None:
    for _ in range(times):
        decision_services.decision_return(decision_id=decision_id, actor=world.prosecutor_a1, remarks="Reasons?")
        decision_services.decision_revise(decision_id=decision_id, actor=world.investigator_a)
        decision_services.decision_submit(decision_id=decision_id, actor=world.investigator_a)


@pytest.fixture
def blocked(world, decisions) -> ProceduralDecision:
    """A suspension returned twice and resubmitted unchanged: the rules ran on each submit."""
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    _bounce(world, decision.pk, times=2)
    return decision


def test_submit_runs_the_rules_and_fingerprints(world, blocked):
    assert SubmissionFingerprint.objects.filter(decision=blocked).count() == 3
    finding = Finding.objects.get(decision=blocked, status=FindingStatus.OPEN)
    assert finding.rule == "resubmitted_unchanged" and finding.blocks_approval


def test_blocking_finding_refuses_approval(world, blocked):
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict, match="Resubmitted unchanged after refusals"):
        decision_services.decision_approve(decision_id=blocked.pk, actor=world.prosecutor_a1)
    blocked = ProceduralDecision.objects.get(pk=blocked.pk)
    assert blocked.status == DecisionStatus.PENDING
    assert AuditEvent.objects.count() == events


def test_fixing_the_decision_resolves_and_allows_approval(world, blocked):
    decision_services.decision_return(decision_id=blocked.pk, actor=world.prosecutor_a1, remarks="Same again.")
    decision_services.decision_revise(decision_id=blocked.pk, actor=world.investigator_a)
    decision_services.decision_update(
        decision_id=blocked.pk,
        actor=world.investigator_a,
        content=DecisionContent(text=FIXED, suspension_ground="45-7-1"),
    )
    decision_services.decision_submit(decision_id=blocked.pk, actor=world.investigator_a)
    assert not Finding.objects.filter(decision=blocked, status=FindingStatus.OPEN).exists()
    assert Finding.objects.get(decision=blocked).status == FindingStatus.RESOLVED
    approved = decision_services.decision_approve(decision_id=blocked.pk, actor=world.prosecutor_a1)
    assert approved.status == DecisionStatus.APPROVED


def test_decision_page_shows_the_finding_without_the_approve_form(client, world, blocked):
    client.force_login(world.prosecutor_a1)
    page = client.get(reverse("approvals:detail", args=[blocked.pk])).content.decode()
    assert 'id="legality-blocked"' in page
    assert "Resubmitted unchanged after refusals" in page and "CPC art. 193 p.2" in page
    assert 'id="approve-form"' not in page and 'id="reject-form"' in page
    response = client.post(reverse("approvals:transition", args=[blocked.pk, "approve"]), {"note": ""})
    assert response.status_code == 409
    assert "The legality check blocks approval" in response.content.decode()


def test_case_page_panel(client, world, blocked):
    client.force_login(world.investigator_a)
    page = client.get(reverse("cases:detail", args=[blocked.case_id])).content.decode()
    assert 'id="legality"' in page and "Resubmitted unchanged after refusals" in page


def test_new_violation_notifies_the_supervising_prosecutors(world, decisions, make_case):
    from datetime import timedelta

    from django.utils import timezone

    from ecase.services.detentions import detention_record

    # A finding on a pending decision shows on its page: no notification for it.
    decisions.make(DecisionKind.PREVENTIVE_MEASURE, "pending")
    assert not Notification.objects.filter(user=world.prosecutor_a1, title__contains="Legality").exists()
    case = make_case()
    detention_record(
        case_id=case.pk,
        actor=world.investigator_a,
        detained_at=timezone.now() - timedelta(hours=50),
        full_name="Detained Daniyar",
        protocol_reference="P-9",
    )
    decisions.make(DecisionKind.SUSPENSION, "pending", case=case)  # any change of the case runs the rules
    titles = list(Notification.objects.filter(user=world.prosecutor_a1).values_list("title", flat=True))
    assert any("Detained past the legal limit" in t and case.number in t for t in titles)
    assert not Notification.objects.filter(user=world.prosecutor_b1).exists()
