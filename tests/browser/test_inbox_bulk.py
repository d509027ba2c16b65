"""Bulk approval in a real browser: the prosecutor selects five decisions, one of which is blocked by a
legality finding; the confirmation comes once; the summary says 4 approved and 1 not, with the reason; the
four are approved and audited, the blocked one stays pending."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from approvals import services as decision_services
from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from ecase.models import AuditEvent
from tests.approvals.factories import DecisionMaker

pytestmark = [pytest.mark.browser]


def test_bulk_approve_five_with_one_refused(page, live_server, world, login, make_case):
    maker = DecisionMaker(world, make_case)
    fine = [maker.make(DecisionKind.TERMINATION, "pending") for _ in range(4)]
    blocked = maker.make(DecisionKind.SUSPENSION, "pending")
    for _ in range(2):  # returned twice, resubmitted unchanged: a blocking finding
        decision_services.decision_return(decision_id=blocked.pk, actor=world.prosecutor_a1, remarks="Reasons?")
        decision_services.decision_revise(decision_id=blocked.pk, actor=world.investigator_a)
        decision_services.decision_submit(decision_id=blocked.pk, actor=world.investigator_a)
    dialogs: list[str] = []

    def accept(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/decisions/")
    expect(page.locator(f"tr[data-decision='{blocked.pk}'] .inbox-badge-blocking")).to_be_visible()
    for decision in [*fine, blocked]:
        page.locator(f"#select-{decision.pk}").check()
    expect(page.locator("#bulk-selected")).to_have_text("Selected: 5")
    page.get_by_role("button", name="Approve selected").click()

    summary = page.locator("#bulk-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("#bulk-passed-count")).to_have_text("Approved: 4")
    expect(page.locator("#bulk-failed-count")).to_have_text("Not approved: 1")
    failed = page.locator(f"#bulk-failed li[data-decision='{blocked.pk}']")
    expect(failed).to_contain_text("The legality check blocks approval")
    expect(failed).to_contain_text("Resubmitted unchanged after refusals")
    assert dialogs == ["Approve the selected decisions (5)? Each one is checked, signed and recorded on its own."]
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/inbox-bulk-summary.png", full_page=True)

    for decision in fine:
        assert ProceduralDecision.objects.get(pk=decision.pk).status == DecisionStatus.APPROVED
        assert AuditEvent.objects.filter(action="decision.approved", object_id=str(decision.pk)).count() == 1
    assert ProceduralDecision.objects.get(pk=blocked.pk).status == DecisionStatus.PENDING
    # Only the blocked one is left in the inbox.
    expect(page.locator("#inbox tbody tr[data-decision]")).to_have_count(1)


def test_nothing_selected_asks_nothing_and_sends_nothing(page, live_server, world, login, make_case):
    decision = DecisionMaker(world, make_case).make(DecisionKind.TERMINATION, "pending")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/decisions/")
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator("#bulk-selected")).to_have_text("Select at least one decision first.")
    assert dialogs == []
    assert ProceduralDecision.objects.get(pk=decision.pk).status == DecisionStatus.PENDING
