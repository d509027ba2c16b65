"""A decision submitted without the documents its kind requires (CPC Art. 147 p.2, Art. 288, Art. 301):
the petition for a preventive measure, the termination and the indictment rest on materials the prosecutor
must see."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionKind, DecisionStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register

# Kind -> number of attached documents it needs at least (one table, in code).
REQUIRED: dict[str, int] = {
    DecisionKind.PREVENTIVE_MEASURE: 1,
    DecisionKind.TERMINATION: 1,
    DecisionKind.INDICTMENT: 1,
}


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    hits = []
    for d in facts.decisions:
        needed = REQUIRED.get(d.kind)
        if not needed or d.status != DecisionStatus.PENDING:
            continue
        attached = facts.attachments(d)
        if len(attached) < needed:
            hits.append(
                Hit(
                    target=RuleTarget.DECISION,
                    object_id=d.pk,
                    decision_id=d.pk,
                    facts={"kind": d.kind, "required": needed, "attached": len(attached)},
                )
            )
    return hits


RULE = register(
    Rule(
        code="required_documents_missing",
        title=_("Required documents missing"),
        article="CPC Art. 147 p.2, Art. 288, Art. 301",
        severity=FindingSeverity.VIOLATION,
        checks=_("A decision was submitted without the documents its kind requires."),
        applies_to=(RuleTarget.DECISION,),
        # Not blocking: the prosecutor sees it and may return the decision; approval stays his call.
        blocks_approval=False,
        check=check,
    )
)
