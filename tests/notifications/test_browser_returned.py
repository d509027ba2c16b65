"""In a real browser (Chromium): a prosecutor returns a decision; its author, the investigator, sees the
notice badge in the menu and the notice in his notification centre, opens it, and the prosecutor's
"new decision" notice is done (his badge is empty). Screenshots go to test-artifacts/."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from approvals.choices import DecisionKind
from ecase.models import Notification
from tests.approvals.factories import DecisionMaker

pytestmark = [pytest.mark.browser]

SHOTS = "test-artifacts"
BADGE = ".main-nav a[href='/notifications/'] .badge"


def _shot(page, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/notices-{name}.png", full_page=True)


def test_an_investigator_sees_the_notice_of_his_returned_decision(page, live_server, world, login, make_case):
    decision = DecisionMaker(world, make_case).make(DecisionKind.SUSPENSION, "pending")  # commits: told
    page.on("dialog", lambda dialog: dialog.accept())

    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/notifications/")
    expect(page.locator(BADGE)).to_have_text("1")
    expect(page.locator(".notification-list")).to_contain_text("New decision to approve: Suspension")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    page.get_by_role("tab", name="Return for revision").click()  # the outcomes are tabs
    page.locator("#return-form textarea[name=remarks]").fill("State the grounds of the suspension.")
    page.locator("#return-form").get_by_role("button", name="Return to the author").click()
    expect(page.locator("#decision-status")).to_have_text("Returned for revision")
    # The prosecutor's notice is done: his badge no longer counts it.
    page.goto(f"{live_server.url}/notifications/")
    expect(page.locator(BADGE)).to_have_count(0)
    expect(page.locator(".notification.done")).to_contain_text("New decision to approve")

    login(world.investigator_a)
    page.goto(f"{live_server.url}/")
    expect(page.locator(BADGE)).to_have_text("1")
    page.locator(".main-nav a[href='/notifications/']").click()
    notice = page.locator(".notification.unread").first
    expect(notice).to_contain_text(
        f"Returned for revision: Suspension of the investigation in case {decision.case.number}"
    )
    expect(notice).to_contain_text("State the grounds of the suspension.")
    _shot(page, "1-returned-notice")
    notice.get_by_role("button", name="Open").click()
    expect(page).to_have_url(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.locator(BADGE)).to_have_count(0)  # read
    read = Notification.objects.get(user=world.investigator_a, message_key="approvals.decision_returned")
    assert read.read_at is not None and read.closed_at is None
