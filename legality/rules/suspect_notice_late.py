"""A suspect recognised without being told within 24 hours (CPC Art. 206 p.1)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionKind

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import IN_FORCE, iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    hits = []
    for d in facts.decisions:
        due = d.suspect_notice_due_at
        if d.kind != DecisionKind.SUSPECT_RECOGNITION or d.status not in IN_FORCE or due is None:
            continue
        told = d.suspect_notified_at
        if (told is None and due < now) or (told is not None and told > due):
            hits.append(
                Hit(
                    target=RuleTarget.DECISION,
                    object_id=d.pk,
                    decision_id=d.pk,
                    facts={"person": d.person_full_name, "due_at": iso(due), "notified_at": iso(told)},
                )
            )
    return hits


RULE = register(
    Rule(
        code="suspect_notice_late",
        title=_("Suspect not told within 24 hours"),
        article="CPC Art. 206 p.1",
        severity=FindingSeverity.VIOLATION,
        checks=_("A person recognised as a suspect was not told of the recognition within 24 hours."),
        applies_to=(RuleTarget.DECISION,),
        blocks_approval=False,
        check=check,
    )
)
