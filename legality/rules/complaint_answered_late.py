"""A complaint in a case answered after its term (the term in force: the kind's term from receipt, moved once
by a recorded extension). CPC Art. 105 for complaints about procedural actions, APPK Art. 76 for the others:
the complainant is owed an answer in time."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from complaints.choices import ANSWERED_STATUSES

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import hours, iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    hits = []
    for c in facts.complaints:
        if c.status in ANSWERED_STATUSES and c.answered_at is not None and c.answered_at > c.due_at:
            hits.append(
                Hit(
                    target=RuleTarget.COMPLAINT,
                    object_id=c.pk,
                    facts={
                        "complaint": c.tracking_number,
                        "due_at": iso(c.due_at),
                        "answered_at": iso(c.answered_at),
                        "late_hours": hours((c.answered_at - c.due_at).total_seconds()),
                    },
                )
            )
    return hits


RULE = register(
    Rule(
        code="complaint_answered_late",
        title=_("Complaint answered after its term"),
        article="CPC Art. 105; APPK Art. 76",
        severity=FindingSeverity.VIOLATION,
        checks=_("A complaint in the case was answered after the term in force (with its extension, if any)."),
        applies_to=(RuleTarget.COMPLAINT,),
        blocks_approval=False,
        check=check,
    )
)
