"""In a real browser: a prosecutor records a finding by hand on the case page and sees it in the legality
panel; then the legality statistics page counts it as found by a prosecutor, with its SVG charts, and the
strict CSP reports no violation on either page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from legality.models import Finding

pytestmark = [pytest.mark.browser]

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => { window.__csp.push(e.violatedDirective); });
"""
TEXT = "The search protocol lists no attesting witnesses."


def test_record_a_finding_and_see_it_counted(page, live_server, world, login, make_case):
    page.context.add_init_script(COLLECT)
    case = make_case()
    login(world.prosecutor_a1)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    record = page.locator("#legality-record")
    record.locator("summary").click()
    record.locator("select[name=finding-severity]").select_option("violation")
    record.locator("input[name=finding-article]").fill("CPC Art. 252")
    record.get_by_role("button", name="Record the finding").click()
    expect(page.locator(".errorlist")).to_contain_text("required")  # no text: the form says so
    assert not Finding.objects.exists()
    record = page.locator("form.legality-record")
    record.locator("textarea[name=finding-text]").fill(TEXT)
    record.get_by_role("button", name="Record the finding").click()
    panel = page.locator("#legality")
    expect(panel).to_contain_text("Recorded by a prosecutor")
    expect(panel).to_contain_text("CPC art. 252")  # shown through the reference formatter
    expect(panel).to_contain_text(TEXT)
    assert page.evaluate("window.__csp") == []

    page.goto(f"{live_server.url}/legality/stats/")
    table = page.locator("table[data-indicator=legality_found_by]")
    expect(table.locator("tr[data-row=prosecutor] td[data-metric=found][data-period=current]")).to_have_text("1")
    expect(page.locator("svg")).to_have_count(6)
    assert page.evaluate("window.__csp") == []
