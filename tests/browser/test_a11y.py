"""Accessibility: axe-core (WCAG 2.1 A/AA and best practices) over every page of every role finds nothing
critical or serious. One test per role, one logged-in browser context each (the data are made once per test
through the services)."""

from __future__ import annotations

import pytest

from tests.browser.a11y_pages import ROLES, make_data, pages_of, user_of
from tests.browser.axe import axe_check, describe, node_count

pytestmark = [pytest.mark.browser]

BLOCKING = ("critical", "serious")


def _check(page, url: str, found: dict[str, str], totals: dict[str, int]) -> None:
    by_impact = axe_check(page)
    for impact, violations in by_impact.items():
        totals[impact] = totals.get(impact, 0) + node_count(violations)
        for v in violations:  # the non-blocking ones too, by rule, in the -s output
            totals[f"{impact}:{v['id']}"] = totals.get(f"{impact}:{v['id']}", 0) + len(v["nodes"])
    blocking = [v for impact in BLOCKING for v in by_impact.get(impact, [])]
    if blocking:
        found[url] = describe(blocking)


@pytest.mark.parametrize("role", ROLES)
def test_no_critical_or_serious_axe_finding(role, page, live_server, world, login, make_case):
    data = make_data(world, make_case)
    user = user_of(world, role)
    if user is not None:
        login(user)
    found: dict[str, str] = {}
    totals: dict[str, int] = {}
    paths = pages_of(role, data)
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        _check(page, path, found, totals)
    if role == "anonymous":  # the public status page of a complaint, reached through the look-up form
        page.goto(live_server.url + "/complaints/track/")
        page.fill("input[name=tracking_number]", data.tracking_number)
        page.fill("input[name=access_key]", data.access_key)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/complaints/track/{data.tracking_number}/")
        _check(page, "/complaints/track/<number>/", found, totals)
    print(f"\naxe {role}: {len(paths) + (role == 'anonymous')} pages, nodes by impact {totals}")
    assert found == {}, "\n".join(f"{url}:\n{text}" for url, text in found.items())
