"""The keyboard-only prosecutor: after login (the inbox is his home page) he approves the top decision with
j, Enter, a, Tab, Enter and the confirmation's Enter: six key presses (the issue asks for at most ten).
The help dialog opens with ?, and the keys do nothing while he types in a field."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from tests.approvals.factories import DecisionMaker

pytestmark = [pytest.mark.browser]
MAX_KEYS = 10


def test_keyboard_only_approval_of_the_top_decision(page, live_server, world, login, make_case):
    maker = DecisionMaker(world, make_case)
    with time_machine.travel(timezone.now() - timedelta(days=3), tick=False):
        top = maker.make(DecisionKind.TERMINATION, "pending")  # overdue: the top of the inbox
    later = maker.make(DecisionKind.TERMINATION, "pending")
    presses = 0

    def press(key: str) -> None:
        nonlocal presses
        presses += 1
        page.keyboard.press(key)

    def confirm_with_enter(dialog) -> None:
        nonlocal presses
        presses += 1  # the confirmation is answered with Enter
        dialog.accept()

    page.on("dialog", confirm_with_enter)
    login(world.prosecutor_a1)
    expect(page).to_have_url(f"{live_server.url}/decisions/")

    press("j")
    expect(page.locator(f"tr[data-decision='{top.pk}'] [data-row-open]")).to_be_focused()
    press("Enter")
    expect(page).to_have_url(f"{live_server.url}/decisions/{top.pk}/")
    page.wait_for_load_state()  # a person reads the page first; the shortcuts are there once it has loaded
    press("a")
    expect(page.locator("#id_approve_note")).to_be_focused()
    press("Tab")
    expect(page.locator("#approve-form").get_by_role("button", name="Approve and sign")).to_be_focused()
    press("Enter")
    expect(page.locator("#decision-status")).to_have_text("Approved")

    assert presses == 6
    assert presses <= MAX_KEYS
    assert ProceduralDecision.objects.get(pk=top.pk).status == DecisionStatus.APPROVED
    assert ProceduralDecision.objects.get(pk=later.pk).status == DecisionStatus.PENDING


def test_shortcuts_help_and_typing_is_left_alone(page, live_server, world, login, make_case):
    maker = DecisionMaker(world, make_case)
    first, second = (maker.make(DecisionKind.TERMINATION, "pending") for _ in range(2))
    login(world.prosecutor_a1)
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts")).to_be_hidden()
    # Typing a "j" into the search field types it; it does not move the selection.
    page.fill("input[name=case_number]", "")
    page.locator("input[name=case_number]").press("j")
    expect(page.locator("input[name=case_number]")).to_have_value("j")
    expect(page.locator("tr.is-current")).to_have_count(0)
    page.locator("input[name=case_number]").press("Escape")
    page.locator("h1").click()
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator(f"tr[data-decision='{second.pk}']")).to_have_class("is-current")
    page.keyboard.press("k")
    expect(page.locator(f"tr[data-decision='{first.pk}'] [data-row-open]")).to_be_focused()
    # On the decision page: r and t open their tab with the field focused; "Approve and next" goes on.
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/decisions/{first.pk}/")
    page.wait_for_load_state()
    page.keyboard.press("r")
    expect(page.locator("#id_reject_reason")).to_be_focused()
    page.keyboard.press("t")  # typed into the reason field: stays there
    expect(page.locator("#id_reject_reason")).to_have_value("t")
    page.locator("h1").click()
    page.keyboard.press("t")
    expect(page.locator("#id_return_remarks")).to_be_focused()
    page.locator("h1").click()
    page.keyboard.press("a")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#approve-form").get_by_role("button", name="Approve and next").click()
    expect(page).to_have_url(f"{live_server.url}/decisions/{second.pk}/")
    assert ProceduralDecision.objects.get(pk=first.pk).status == DecisionStatus.APPROVED
