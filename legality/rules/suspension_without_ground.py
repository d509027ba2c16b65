"""A case suspended without a ground of suspension (CPC Art. 45 p.7, Art. 50)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    case = facts.case
    if case.status != CaseStatus.SUSPENDED or case.suspension_ground_id is not None:
        return []
    return [Hit(target=RuleTarget.CASE, object_id=case.pk, facts={"suspended_at": iso(case.suspended_at)})]


RULE = register(
    Rule(
        code="suspension_without_ground",
        title=_("Suspended without a ground"),
        article="CPC Art. 45 p.7, Art. 50",
        severity=FindingSeverity.VIOLATION,
        checks=_("The investigation is suspended but no ground of suspension is recorded."),
        applies_to=(RuleTarget.CASE,),
        blocks_approval=False,
        check=check,
    )
)
