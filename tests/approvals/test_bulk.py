"""Approving several decisions at once: each goes through the approval service on its own (permission,
state, legality guard, signature policy, audit); refusals are reported with their reason and never undo
the approvals that passed; the summary shows after a redirect (a reload approves nothing again)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from approvals import services
from approvals.bulk import BULK_MAX, decisions_bulk_approve
from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from ecase.models import AuditEvent

BULK = reverse("approvals:bulk-approve")
INBOX = reverse("approvals:inbox")


def _status(pk: int) -> str:
    return ProceduralDecision.objects.get(pk=pk).status


def _approved_events(pk: int) -> int:
    return AuditEvent.objects.filter(action="decision.approved", object_id=str(pk)).count()


def test_mixed_results_keep_the_ones_that_passed(decisions, world, client):
    good = [decisions.make(DecisionKind.TERMINATION, "pending") for _ in range(3)]
    rejected = decisions.make(DecisionKind.TERMINATION, "pending")
    services.decision_reject(decision_id=rejected.pk, actor=world.prosecutor_a1, reason="Unfounded.")
    unselected = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    ids = [good[0].pk, rejected.pk, good[1].pk, good[2].pk, 999_999_999]
    response = client.post(BULK, {"ids": ids, "note": "Checked.", "query": "ordering=-deadline"})
    assert response.status_code == 302 and response["Location"] == INBOX + "?ordering=-deadline"
    for d in good:
        assert _status(d.pk) == DecisionStatus.APPROVED and _approved_events(d.pk) == 1
    assert _status(rejected.pk) == DecisionStatus.REJECTED
    assert _status(unselected.pk) == DecisionStatus.PENDING

    page = client.get(response["Location"])
    summary = page.context["bulk"]
    assert [o["decision_id"] for o in summary["passed"]] == [good[0].pk, good[1].pk, good[2].pk]
    failed = {o["decision_id"]: o["reason"] for o in summary["failed"]}
    assert set(failed) == {rejected.pk, 999_999_999}
    assert "this action is not possible now" in failed[rejected.pk]
    assert failed[999_999_999] == "No such decision."
    html = page.content.decode()
    assert 'id="bulk-summary"' in html and "Approved: 3" in html and "Not approved: 2" in html
    # The summary is shown once: a reload does not show it (nor approve anything) again.
    assert client.get(INBOX).context["bulk"] is None


def test_each_decision_is_checked_for_the_actor(decisions, world):
    mine = decisions.make(DecisionKind.TERMINATION, "pending")
    # Another district's prosecutor: the decision is invisible to him (reported, not approved).
    outcomes = decisions_bulk_approve(decision_ids=[mine.pk], actor=world.prosecutor_b1)
    assert [(o.approved, o.reason) for o in outcomes] == [(False, "No such decision.")]
    # The regional office sees it but only the supervising district office decides: refused, reason given.
    outcomes = decisions_bulk_approve(decision_ids=[mine.pk, mine.pk], actor=world.senior_a)
    assert len(outcomes) == 1 and not outcomes[0].approved
    assert outcomes[0].reason == "Only a prosecutor of the supervising office may decide."
    assert _status(mine.pk) == DecisionStatus.PENDING
    assert _approved_events(mine.pk) == 0


def test_the_signature_policy_applies_to_each(decisions, world, settings):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    settings.SIGNATURE_REQUIRED = [*settings.SIGNATURE_REQUIRED, "decision.approve"]
    outcomes = decisions_bulk_approve(decision_ids=[decision.pk], actor=world.prosecutor_a1)
    assert not outcomes[0].approved and "Sign this decision with your personal key." in outcomes[0].reason
    assert _status(decision.pk) == DecisionStatus.PENDING


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select the decisions to approve."),
        ({"ids": ["abc"]}, "The selection is not valid"),
        ({"ids": ["-4"]}, "The selection is not valid"),
        ({"ids": ["99999999999999999999999"]}, "The selection is not valid"),
        ({"ids": [str(n) for n in range(1, BULK_MAX + 2)]}, f"At most {BULK_MAX} decisions at once."),
        ({"ids": ["1"], "note": "x" * 6000}, "at most 5000"),
    ],
)
def test_bad_input_is_a_message_and_changes_nothing(data, message, decisions, world, client):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    response = client.post(BULK, data, follow=True)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert _status(decision.pk) == DecisionStatus.PENDING


def test_only_prosecutors_and_only_post_with_csrf(decisions, world, client):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    assert client.post(BULK, {"ids": [decision.pk]}).status_code == 302  # to the login page
    client.force_login(world.investigator_a)
    assert client.post(BULK, {"ids": [decision.pk]}).status_code == 403
    client.force_login(world.prosecutor_a1)
    assert client.get(BULK).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.prosecutor_a1)
    assert strict.post(BULK, {"ids": [decision.pk]}).status_code == 403
    assert _status(decision.pk) == DecisionStatus.PENDING


def test_the_inbox_offers_labelled_checkboxes_and_a_confirmed_form(decisions, world, client):
    decision = decisions.make(DecisionKind.TERMINATION, "pending")
    client.force_login(world.prosecutor_a1)
    html = client.get(INBOX).content.decode()
    assert f'name="ids" value="{decision.pk}" id="select-{decision.pk}"' in html
    assert f'<label for="select-{decision.pk}" class="visually-hidden">Select Termination of the case' in html
    assert '<label for="select-all" class="visually-hidden">' in html
    assert 'id="bulk-form"' in html and "data-confirm=" in html
