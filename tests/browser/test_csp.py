"""The strict Content-Security-Policy breaks nothing: a real chromium visits every page kind and collects
CSP violations (securitypolicyviolation events and console reports). Expected: none."""

from __future__ import annotations

import pytest

from approvals.choices import DecisionKind
from tests.approvals.factories import DecisionMaker

pytestmark = [pytest.mark.browser]

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' @' + e.sourceFile + ':' + e.lineNumber);
});
"""


def _visit(page, url: str, console: list[str]) -> list[str]:
    seen = len(console)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return list(page.evaluate("window.__csp")) + [m for m in console[seen:] if "Content Security Policy" in m]


def test_no_csp_violation_on_any_page_kind(page, live_server, world, login, make_case):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(COLLECT)
    decision = DecisionMaker(world, make_case).make(DecisionKind.PREVENTIVE_MEASURE, "court_pending")
    case_id = decision.case_id
    base = live_server.url
    violations: dict[str, list[str]] = {}

    # The collector works: an inline style attribute added by a script is reported as a violation.
    page.goto(base + "/accounts/login/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')")
    page.wait_for_function("window.__csp.length > 0")
    assert "style-src" in page.evaluate("window.__csp")[0]

    for path in ["/accounts/login/", "/complaints/file/", "/complaints/track/", "/no-such-page/"]:
        violations[path] = _visit(page, base + path, console)

    login(world.investigator_a)
    for path in ["/", "/cases/", f"/cases/{case_id}/", "/cases/register/", "/decisions/mine/", "/notifications/"]:
        violations[path] = _visit(page, base + path, console)
    violations["/api/docs/"] = _visit(page, base + "/api/docs/", console)
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)  # Swagger UI rendered under the policy

    login(world.prosecutor_a1)
    for path in ["/decisions/", f"/decisions/{decision.pk}/", "/complaints/"]:
        violations[path] = _visit(page, base + path, console)

    login(world.judge_a)
    violations["/decisions/court/"] = _visit(page, base + "/decisions/court/", console)

    login(world.senior_a)
    violations["/stats/"] = _visit(page, base + "/stats/", console)

    admin = world.senior_b
    admin.is_staff = admin.is_superuser = True
    admin.save()
    login(admin)
    for path in ["/admin/", "/admin/ecase/case/", f"/admin/ecase/case/{case_id}/change/", "/admin/axes/accessattempt/"]:
        violations[path] = _visit(page, base + path, console)

    found = {path: found for path, found in violations.items() if found}
    assert found == {}
