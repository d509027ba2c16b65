"""Accessibility: axe-core (WCAG 2.1 A/AA and best practices) over every page of every role finds nothing
critical or serious. One test per role, one logged-in browser context each (the data are made once per test
through the services)."""

from __future__ import annotations

import pytest

from tests.browser.a11y_pages import NOT_FOUND, ROLES, make_data, pages_of, user_of
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
        expected = 404 if path == NOT_FOUND else 200
        assert response is not None and response.status == expected, (path, response and response.status)
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


RING = """(el) => {
  const ring = getComputedStyle(el);
  let node = el.parentElement, background = 'rgba(0, 0, 0, 0)';
  while (node && (background === 'rgba(0, 0, 0, 0)' || background === 'transparent')) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  return {style: ring.outlineStyle, width: parseFloat(ring.outlineWidth), color: ring.outlineColor, background};
}"""


def _luminance(rgb: str) -> float:
    red, green, blue = (int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_stands_out_at_least_3_to_1(page, live_server, world):
    """Keyboard focus on the light page and on the dark header: a solid ring ≥ 2 px, ≥ 3:1 against what is
    around it (the ring sits outside the element, so the background is its parent's)."""
    page.goto(live_server.url + "/accounts/login/")
    rings = {}
    for name, selector in [("page field", "input[name=username]"), ("header button", ".lang-switch button")]:
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus from the keyboard, so :focus-visible applies
        rings[name] = page.locator(selector).first.evaluate(RING)
    for name, ring in rings.items():
        assert ring["style"] == "solid" and ring["width"] >= 2, (name, ring)
        assert _contrast(ring["color"], ring["background"]) >= 3, (name, ring)
