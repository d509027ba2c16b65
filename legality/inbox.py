"""The legality column of the approval inbox (approvals.hooks.InboxColumn): per decision on the page, its
open findings by severity, and whether one blocks approval. One query for the whole page."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from approvals.hooks import InboxColumn, RowBadge

from .choices import SEVERITY_RANK, FindingSeverity, FindingStatus
from .models import Finding
from .permissions import can_see_findings


def inbox_badges(*, user: Any, decision_ids: list[int]) -> dict[int, list[RowBadge]]:
    """The decisions are those of the user's inbox page (already visible to him): their open findings."""
    if not decision_ids or not can_see_findings(user):
        return {}
    rows = (
        Finding.objects.filter(decision_id__in=decision_ids, status=FindingStatus.OPEN)
        .values("decision_id", "severity")
        .annotate(n=Count("id"), blocking=Count("id", filter=Q(blocks_approval=True)))
        .order_by()
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["decision_id"]].append(row)
    badges: dict[int, list[RowBadge]] = {}
    for decision_id, groups in found.items():
        groups.sort(key=lambda g: SEVERITY_RANK.get(g["severity"], 9))
        blocking = sum(g["blocking"] for g in groups)
        items = [
            RowBadge(
                text=f"{g['n']} {FindingSeverity(g['severity']).label}",
                level=g["severity"],
                title=ngettext("%(n)s open finding: %(severity)s", "%(n)s open findings: %(severity)s", g["n"])
                % {"n": g["n"], "severity": FindingSeverity(g["severity"]).label},
            )
            for g in groups
        ]
        if blocking:
            items.insert(
                0,
                RowBadge(
                    text=_("Blocks approval"),
                    level="blocking",
                    title=_("An open finding blocks approval until it is resolved."),
                    blocking=True,
                ),
            )
        badges[decision_id] = items
    return badges


COLUMN = InboxColumn(name="legality", label=gettext_lazy("Legality"), badges=inbox_badges, order=10)
