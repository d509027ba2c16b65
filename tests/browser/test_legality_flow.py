"""The prosecutor's assistant in a real browser: the prosecutor opens a decision with a blocking finding, sees
the finding and its article and no approve form; he returns it; the investigator fixes the text and submits
again; the finding resolves; the prosecutor approves. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from approvals import services as decision_services
from approvals.choices import DecisionKind
from legality.choices import FindingStatus
from legality.models import Finding
from tests.approvals.factories import DecisionMaker

pytestmark = [pytest.mark.browser]

SHOTS = "test-artifacts"


def _shot(page, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/legality-{name}.png", full_page=True)


def test_blocking_finding_from_sight_to_fix(page, live_server, world, login, make_case):
    decision = DecisionMaker(world, make_case).make(DecisionKind.SUSPENSION, "pending")
    for _ in range(2):  # returned twice, resubmitted unchanged each time
        decision_services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Reasons?")
        decision_services.decision_revise(decision_id=decision.pk, actor=world.investigator_a)
        decision_services.decision_submit(decision_id=decision.pk, actor=world.investigator_a)
    url = f"{live_server.url}/decisions/{decision.pk}/"
    page.on("dialog", lambda dialog: dialog.accept())

    # The prosecutor sees the finding and its article; there is no approve form.
    login(world.prosecutor_a1)
    page.goto(url)
    panel = page.locator("#legality")
    expect(panel).to_contain_text("Resubmitted unchanged after refusals")
    expect(panel).to_contain_text("CPC art. 193 p.2")
    expect(page.locator("#legality-blocked")).to_be_visible()
    expect(page.locator("#approve-form")).to_have_count(0)
    _shot(page, "1-blocked")
    page.locator("#return-form textarea[name=remarks]").fill("Address the remarks: state the search measures taken.")
    page.locator("#return-form").get_by_role("button", name="Return to the author").click()
    expect(page.locator("#decision-status")).to_have_text("Returned for revision")

    # The investigator revises the text and submits again.
    login(world.investigator_a)
    page.goto(url)
    page.get_by_role("button", name="Revise (back to draft)").click()
    expect(page.locator("#decision-status")).to_have_text("Draft")
    page.get_by_role("link", name="Edit the draft").click()
    page.fill("textarea[name=text]", "The suspect is declared wanted (order of 1 December); his flat is watched.")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit to the prosecutor").click()
    expect(page.locator("#decision-status")).to_have_text("Awaiting the prosecutor")
    expect(page.locator("#legality-clear")).to_be_visible()
    assert Finding.objects.get(decision=decision).status == FindingStatus.RESOLVED

    # The prosecutor approves.
    login(world.prosecutor_a1)
    page.goto(url)
    expect(page.locator("#legality-clear")).to_be_visible()
    page.locator("#approve-form").get_by_role("button", name="Approve and sign").click()
    expect(page.locator("#decision-status")).to_have_text("Approved")
    _shot(page, "2-approved")
