"""The prosecutor's filter in a real browser: an investigator drafts and submits a termination; the
supervising prosecutor finds it in the inbox, is refused a rejection without a reason, approves; the case
page shows the case terminated and the approval in its timeline. Screenshots go to test-artifacts/."""

from __future__ import annotations

import importlib
import os
import re

import pytest
from playwright.sync_api import expect

from approvals.models import ProceduralDecision

pytestmark = [pytest.mark.browser]

SHOTS = "test-artifacts"


@pytest.fixture
def termination_grounds(transactional_db) -> None:
    """The grounds the data migration seeds: a transactional test that ran before this one (in the same
    session) flushed them, so put them back the way the migration does."""
    from ecase.models import TerminationGround

    migration = importlib.import_module("ecase.migrations.0002_termination_grounds_and_audit_guard")
    for code, article, title, rehabilitating in migration.GROUNDS:
        TerminationGround.objects.update_or_create(
            code=code, defaults={"article": article, "title": title, "is_rehabilitating": rehabilitating}
        )


def _shot(page, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/approvals-{name}.png", full_page=True)


def test_termination_through_the_prosecutors_filter(page, live_server, world, login, make_case, termination_grounds):
    case = make_case(summary="Theft of a bicycle from the yard of a residential building.")
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of irreversible actions

    # The investigator drafts a termination from the case page and submits it.
    login(world.investigator_a)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_text("Draft a decision").click()
    page.get_by_role("link", name="Termination of the case").click()
    page.select_option("select[name=termination_ground]", "35-1-2")
    page.fill("textarea[name=text]", "The bicycle was taken by the owner's brother with his consent: no offence.")
    _shot(page, "1-draft-form")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("#decision-status")).to_have_text("Draft")
    page.get_by_role("button", name="Submit to the prosecutor").click()
    expect(page.locator("#decision-status")).to_have_text("Awaiting the prosecutor")
    _shot(page, "2-submitted")
    decision = ProceduralDecision.objects.get(case=case)

    # The supervising prosecutor finds it in the inbox (the home page), with the pending count in the menu.
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/decisions/$"))
    expect(page.locator(".main-nav a[href='/decisions/'] .badge")).to_have_text("1")
    page.fill("input[name=case_number]", case.number)
    page.get_by_role("button", name="Filter").click()
    row = page.locator(f"tr[data-decision='{decision.pk}']")
    expect(row).to_contain_text(case.number)
    _shot(page, "3-inbox")
    row.get_by_role("link", name="Termination of the case").click()

    # A rejection without a reason is refused, and the page says why (the outcomes are tabs).
    page.get_by_role("tab", name="Reject").click()
    page.locator("#reject-form").get_by_role("button", name="Reject").click()
    expect(page.locator("#reject-form .errorlist")).to_contain_text("A decision is rejected only with a reason")
    expect(page.locator("#decision-status")).to_have_text("Awaiting the prosecutor")
    _shot(page, "4-reject-refused")

    page.get_by_role("tab", name="Approve").click()
    page.locator("#approve-form textarea[name=note]").fill("The consent of the owner is confirmed.")
    page.locator("#approve-form").get_by_role("button", name="Approve and sign").click()
    expect(page.locator("#decision-status")).to_have_text("Approved")
    expect(page.locator("#signature")).to_contain_text("Verified")
    _shot(page, "5-approved")

    # The case page: terminated, and the approval in its timeline.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("h1 .status")).to_have_text("Terminated")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Decision approved by the prosecutor")
    expect(timeline).to_contain_text("Case terminated")
    _shot(page, "6-case-terminated")
    decision.refresh_from_db()
    assert decision.status == "approved" and decision.decided_by == world.prosecutor_a1
