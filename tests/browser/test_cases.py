"""An investigator registers a case, adds a witness and sees the timeline, in a real browser."""

from datetime import date

import pytest

from ecase.models import AuditEvent, Case, Participant
from ecase.validators import make_iin

pytestmark = [pytest.mark.browser]


def test_investigator_registers_case_adds_witness_and_sees_timeline(page, live_server, world, login):
    login(world.investigator_a)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmation before registering

    page.click("nav.main-nav >> text=Register a case")
    page.wait_for_url("**/cases/new/")
    page.fill("input[name=qualification]", "theft")  # not an article: refused with a message
    page.select_option("select[name=category]", "property")
    page.select_option("select[name=severity]", "medium")
    page.fill("textarea[name=summary]", "Theft of a bicycle from the yard of a residential building on Abai Ave.")
    page.click("button:has-text('Register the case')")
    assert page.locator(".errorlist").first.is_visible()
    assert "Enter an article of the Criminal Code" in page.content()
    assert Case.objects.count() == 0

    page.fill("input[name=qualification]", "188 p.2")
    page.click("button:has-text('Register the case')")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    assert case.number in page.locator("h1").inner_text()
    assert f"Case {case.number} registered." in page.locator(".messages").inner_text()

    page.click("summary:has-text('Add a participant')")
    page.select_option("select[name=role]", "witness")
    page.fill("input[name=full_name]", "Aigerim Sadykova")
    page.fill("input[name=iin]", make_iin(date(1990, 5, 17), 42, male=False))
    page.fill("input[name=phone]", "+7 701 555 12 34")
    page.click("button:has-text('Add participant')")
    page.wait_for_load_state("networkidle")
    assert Participant.objects.filter(case=case, role="witness").count() == 1

    timeline = page.locator("#timeline").inner_text()
    assert "Case registered" in timeline and "Participant added" in timeline and "Aigerim Sadykova" in timeline
    assert page.locator("#participants").get_by_text("Aigerim Sadykova").is_visible()
    assert AuditEvent.objects.filter(case=case).count() == 2
    page.screenshot(path="/tmp/case_page.png", full_page=True)

    page.goto(f"{live_server.url}/cases/")
    assert page.locator(f"text={case.number}").is_visible()
    page.screenshot(path="/tmp/case_list.png", full_page=True)


def test_language_switcher_in_the_browser(page, live_server, world, make_case, login):
    make_case()
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/cases/")
    page.click(".lang-switch button[value=ru]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Уголовные дела"
    assert page.url.endswith("/cases/")
    page.click(".lang-switch button[value=kk]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Қылмыстық істер"


def test_dismissed_confirmation_submits_nothing(page, live_server, world, login):
    login(world.investigator_a)
    questions: list[str] = []

    def dismiss(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("input[name=qualification]", "190")
    page.fill("textarea[name=summary]", "Fraud with an advance payment for a car that was never delivered.")
    page.click("button:has-text('Register the case')")
    page.wait_for_timeout(300)
    assert questions and "cannot be withdrawn" in questions[0]
    assert page.url.endswith("/cases/new/")
    assert Case.objects.count() == 0
