"""An urgent rights-restricting action (search, seizure, arrest of property, covert action) not notified to
the prosecutor within 24 hours (CPC Art. 220 p.4, Art. 254 p.3), or found unlawful while its results may
still be used: a decision resting on evidence (recognition, preventive measure, indictment) made after the
action was found unlawful is pending or in force (CPC Art. 112: inadmissible evidence). The model does not
link a decision to the evidence it uses, so this second part is a risk the prosecutor checks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from ecase.choices import ActionReview
from ecase.models import InvestigativeAction

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso

LIMIT = timedelta(hours=24)
# Decisions that rest on the evidence gathered: made after an action was found unlawful, they may use it.
USES_EVIDENCE = frozenset({DecisionKind.SUSPECT_RECOGNITION, DecisionKind.PREVENTIVE_MEASURE, DecisionKind.INDICTMENT})
LIVE = frozenset(
    {DecisionStatus.PENDING, DecisionStatus.APPROVED, DecisionStatus.COURT_PENDING, DecisionStatus.SANCTIONED}
)


def _late(action: InvestigativeAction, notice: ProceduralDecision | None, now: datetime) -> dict[str, Any] | None:
    """A late notice while the prosecutor has not yet reviewed the action (the review itself is the
    prosecutor acting on it); or no notice at all after 24 hours."""
    if action.review != ActionReview.AWAITING_REVIEW:
        return None
    notified = notice.submitted_at if notice else None
    late = notified - action.performed_at > LIMIT if notified else now - action.performed_at > LIMIT
    return {"problem": "late_notice", "notified_at": iso(notified)} if late else None


def _used_after_unlawful(
    action: InvestigativeAction, notice: ProceduralDecision | None, decisions: list[ProceduralDecision]
) -> dict[str, Any] | None:
    """Found unlawful, yet a later decision resting on evidence is pending or in force in the case."""
    if action.review != ActionReview.UNLAWFUL or notice is None or notice.decided_at is None:
        return None
    later = [
        d.pk for d in decisions if d.kind in USES_EVIDENCE and d.status in LIVE and d.created_at > notice.decided_at
    ]
    return {"problem": "used_after_unlawful", "later_decisions": later} if later else None


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    notices = {
        d.action_id: d
        for d in facts.decisions
        if d.kind == DecisionKind.URGENT_ACTION_NOTICE and d.action_id and d.status != DecisionStatus.DRAFT
    }
    hits = []
    for action in facts.actions:
        if not action.restricts_rights:
            continue
        notice = notices.get(action.pk)
        found = _late(action, notice, now) or _used_after_unlawful(action, notice, facts.decisions)
        if found:
            hits.append(
                Hit(
                    target=RuleTarget.ACTION,
                    object_id=action.pk,
                    facts={"kind": action.kind, "performed_at": iso(action.performed_at), **found},
                )
            )
    return hits


RULE = register(
    Rule(
        code="urgent_action_unnotified",
        title=_("Urgent action not notified within 24 hours"),
        article="CPC Art. 220 p.4, Art. 254 p.3",
        severity=FindingSeverity.VIOLATION,
        checks=_(
            "A rights-restricting action without an approved basis reached the prosecutor more than 24 hours "
            "after it was performed (until reviewed), or was found unlawful while a later decision may use "
            "its results."
        ),
        applies_to=(RuleTarget.ACTION,),
        blocks_approval=False,
        check=check,
    )
)
