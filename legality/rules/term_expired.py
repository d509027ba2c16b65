"""The investigation term expired without an approved extension (CPC Art. 192)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import hours, iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    case = facts.case
    # A suspended case's term stands still; an approved extension moves term_expires_at forward.
    if case.status != CaseStatus.INVESTIGATING or case.term_expires_at >= now:
        return []
    return [
        Hit(
            target=RuleTarget.CASE,
            object_id=case.pk,
            facts={
                "term_expires_at": iso(case.term_expires_at),
                "hours_over": hours((now - case.term_expires_at).total_seconds()),
            },
        )
    ]


RULE = register(
    Rule(
        code="term_expired",
        title=_("Investigation term expired"),
        article="CPC Art. 192",
        severity=FindingSeverity.VIOLATION,
        checks=_("The case is under investigation after its term expired, without an approved extension."),
        applies_to=(RuleTarget.CASE,),
        blocks_approval=False,
        check=check,
    )
)
