"""Every screen on a phone: at 375 px (and at 640 px, a 1280 px screen zoomed to 200 %) no page scrolls
sideways; the header folds into a menu behind a disclosure button; lists become cards with the link that
opens the item on screen; a citizen files a complaint on a phone and sees when the answer is due."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint
from tests.browser.a11y_pages import ROLES, make_data, pages_of, user_of
from tests.browser.axe import axe_check, describe
from tests.complaints.conftest import IIN
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 740}
ZOOM_200 = {"width": 640, "height": 400}  # what a 1280 x 800 window shows at 200 % zoom
ALMATY = ZoneInfo("Asia/Almaty")
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


def _overflowing(page, base: str, paths: list[str]) -> dict[str, int]:
    wide = {}
    for path in paths:
        page.goto(base + path)
        extra = page.evaluate(OVERFLOW)
        if extra > 0:
            wide[path] = extra
    return wide


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_on_a_phone_or_at_200_percent(role, page, live_server, world, login, make_case):
    data = make_data(world, make_case)
    user = user_of(world, role)
    if user is not None:
        login(user)
    paths = pages_of(role, data)
    page.set_viewport_size(PHONE)
    wide = {f"375px {p}": px for p, px in _overflowing(page, live_server.url, paths).items()}
    page.set_viewport_size(ZOOM_200)
    wide.update({f"640px {p}": px for p, px in _overflowing(page, live_server.url, paths).items()})
    assert wide == {}, "pages wider than the window (extra px)"


def test_the_header_folds_into_a_menu_and_the_inbox_into_cards(page, live_server, world, login, make_case):
    data = make_data(world, make_case)
    login(world.prosecutor_a1)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/decisions/")
    toggle = page.locator("[data-menu-toggle]")
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 90  # was a third of the screen

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name=re.compile("Approvals"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()

    # The inbox row is a card: the link that opens the decision is on screen, next to its column's name.
    # (The work queue's filters and bulk bar sit above the rows: scrolling down reaches the card, and then
    # the link must be on screen, not off to the right.)
    link = page.locator(f"#inbox a[href='/decisions/{data.decision_id}/']")
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    cell = link.locator("xpath=ancestor::td[1]")
    assert cell.get_attribute("data-label") == "Decision"
    _assert_axe_clean(page)  # the cards and the folded menu keep the page accessible

    # On a wide screen the menu is simply there and the button is not.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(nav).to_be_visible()


def _assert_axe_clean(page) -> None:
    found = axe_check(page)
    blocking = found.get("critical", []) + found.get("serious", [])
    assert blocking == [], describe(blocking)


def test_statistics_on_a_phone_scroll_charts_and_tables_in_their_own_boxes(page, live_server, world, login):
    login(world.senior_a)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/stats/")
    assert page.evaluate(OVERFLOW) <= 0
    table_box = page.locator(".indicator .table-scroll").first
    assert table_box.evaluate("el => el.clientWidth") <= PHONE["width"]
    chart = page.locator(".indicator figure.chart").first
    assert chart.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls inside, labels keep their size
    assert chart.get_attribute("tabindex") == "0"  # and the keyboard can scroll it
    _assert_axe_clean(page)


def test_without_javascript_the_menu_stays_open(_browser, live_server, world, transactional_db):
    context = _browser.new_context(java_script_enabled=False, viewport=PHONE, locale="en-US")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=username]", world.investigator_a.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        expect(page.locator("[data-menu-toggle]")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    finally:
        context.close()


def test_a_citizen_files_a_complaint_on_a_phone_and_sees_the_answer_term(page, live_server, world, login):
    page.on("dialog", lambda dialog: dialog.accept())  # "Send the complaint?"
    login(world.citizen)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/complaints/file/")
    page.select_option("select[name=kind]", "general")
    page.select_option("select[name=office]", str(world.dist_a1.pk))
    page.fill("input[name=complainant_name]", "Aigerim Sultanova")
    page.fill("input[name=complainant_iin]", IIN)
    page.fill("input[name=complainant_email]", "aigerim@example.kz")
    page.fill("textarea[name=text]", "The investigator has not answered my petition for three weeks.")
    assert page.evaluate(OVERFLOW) <= 0
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/complaints/my/[0-9A-Z-]+/$"))
    complaint = Complaint.objects.get(complainant=world.citizen)
    due = complaint.due_at.astimezone(ALMATY).strftime("%d.%m.%Y")
    # Not yet registered, yet the term is shown, the same as in the list, and it is on screen.
    expect(page.locator("#complaint-status")).to_have_text("Submitted")
    expect(page.locator("main")).to_contain_text(f"The answer is due by {due}")
    expect(page.locator("#answer-due")).to_contain_text(due)  # and the relative time: "(in 22 days)"
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(live_server.url + "/complaints/my/")
    expect(page.locator("main table")).to_contain_text(due)
