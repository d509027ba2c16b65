"""axe-core in the browser tests: inject the vendored axe.min.js (tests/browser/vendor/) and run it.

How axe gets into the page: the site sends a strict Content-Security-Policy (no inline scripts), so
Playwright's `add_script_tag(path=...)` — which inserts an *inline* <script> with the file's content — is
refused by the policy. The alternatives were `bypass_csp=True` on the browser context or evaluating the
file through the DevTools protocol. We evaluate it: `page.evaluate` runs in the page's main world through
Runtime.evaluate, which the CSP does not govern, so the pages are checked exactly as they are served, with
the policy in force (bypass_csp would also hide a page whose own scripts break under the policy).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"

# WCAG 2.1 A and AA plus axe's best practices (landmarks, empty table headers, heading order...).
RUN_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}

RUN = """async (options) => {
  const result = await window.axe.run(document, options);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_check(page: Any) -> dict[str, list[dict[str, Any]]]:
    """Run axe on the page as it is now; return its violations grouped by impact
    ("critical", "serious", "moderate", "minor"), each {id, help, nodes: [{target, summary}]}."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_source())
    by_impact: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for violation in page.evaluate(RUN, RUN_OPTIONS):
        by_impact[violation["impact"] or "minor"].append(violation)
    return dict(by_impact)


def node_count(violations: list[dict[str, Any]]) -> int:
    return sum(len(v["nodes"]) for v in violations)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({len(v['nodes'])}): {v['help']}")
        lines.extend(f"    {n['target']}" for n in v["nodes"][:5])
    return "\n".join(lines)
