"""A decision returned or rejected two or more times and submitted again unchanged (the same content hash):
the prosecutor's remarks were not addressed (CPC Art. 193 p.2: the prosecutor's instructions bind)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso

TIMES = 2


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    hits = []
    for d in facts.decisions:
        if d.status != DecisionStatus.PENDING:
            continue
        mine = [f for f in facts.fingerprints if f.decision_id == d.pk]
        if not mine:
            continue
        current = mine[-1]
        # Earlier submissions with the same content that came back: this decision's own (each one was returned,
        # or it would not be pending again) and those of rejected decisions of the case.
        status = {x.pk: x.status for x in facts.decisions}
        earlier = [
            f
            for f in facts.fingerprints
            if f.content_hash == current.content_hash
            and f.pk != current.pk
            and (f.decision_id == d.pk or status.get(f.decision_id) == DecisionStatus.REJECTED)
        ]
        if len(earlier) >= TIMES:
            hits.append(
                Hit(
                    target=RuleTarget.DECISION,
                    object_id=d.pk,
                    decision_id=d.pk,
                    facts={
                        "content_hash": current.content_hash,
                        "earlier_submissions": len(earlier),
                        "first_submitted_at": iso(earlier[0].submitted_at),
                    },
                )
            )
    return hits


RULE = register(
    Rule(
        code="resubmitted_unchanged",
        title=_("Resubmitted unchanged after refusals"),
        article="CPC Art. 193 p.2",
        severity=FindingSeverity.RISK,
        checks=_("The decision was returned or rejected two or more times and submitted again without any change."),
        applies_to=(RuleTarget.DECISION,),
        blocks_approval=True,
        check=check,
    )
)
