"""The legality panel of the decision page: {% load legality %}{% legality_panel decision %} and
{% legality_blocked decision as blocked %} (hide the approve form while a blocking finding is open)."""

from __future__ import annotations

from typing import Any

from django import template

from ..display import finding_rows
from ..permissions import can_see_findings
from ..selectors import findings_open_for_decision

register = template.Library()


def _rows(user: Any, decision: Any) -> list[dict[str, Any]]:
    if not can_see_findings(user):
        return []
    return finding_rows(findings_open_for_decision(user=user, decision=decision))


@register.inclusion_tag("legality/decision_panel.html", takes_context=True)
def legality_panel(context: template.Context, decision: Any) -> dict[str, Any]:
    request = context["request"]
    rows = _rows(request.user, decision)
    return {"rows": rows, "blocked": any(r["finding"].blocks_approval for r in rows), "decision": decision}


@register.simple_tag(takes_context=True)
def legality_blocked(context: template.Context, decision: Any) -> bool:
    return any(r["finding"].blocks_approval for r in _rows(context["request"].user, decision))
