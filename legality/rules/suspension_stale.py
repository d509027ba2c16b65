"""A case suspended longer than the configured review period without any action (CPC Art. 50 p.5:
the search for the suspect goes on while the case is suspended)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    case = facts.case
    if case.status != CaseStatus.SUSPENDED or case.suspended_at is None:
        return []
    period = timedelta(days=settings.LEGALITY_SUSPENSION_REVIEW_DAYS)
    moments = [case.suspended_at]
    moments += [a.recorded_at for a in facts.actions]
    moments += [d.updated_at for d in facts.decisions]
    last = max(moments)
    if now - last <= period:
        return []
    return [
        Hit(
            target=RuleTarget.CASE,
            object_id=case.pk,
            facts={"suspended_at": iso(case.suspended_at), "last_activity": iso(last), "review_days": period.days},
        )
    ]


RULE = register(
    Rule(
        code="suspension_stale",
        title=_("Suspended case left without action"),
        article="CPC Art. 50 p.5",
        severity=FindingSeverity.RISK,
        checks=_("The case has been suspended longer than the review period without any action or decision."),
        applies_to=(RuleTarget.CASE,),
        blocks_approval=False,
        check=check,
    )
)
