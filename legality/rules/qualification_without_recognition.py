"""The qualification changed without a new recognition of the suspect (CPC Art. 204 p.3: a changed charge
is put to the suspect in a new decision)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionKind
from ecase.choices import ParticipantRole

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import IN_FORCE, iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    changes = [d for d in facts.decisions if d.kind == DecisionKind.QUALIFICATION_CHANGE and d.status in IN_FORCE]
    if not changes:
        return []
    last_change = max(changes, key=lambda d: d.decided_at or d.created_at)
    changed_at = last_change.decided_at or last_change.created_at
    recognised_after = any(
        d.kind == DecisionKind.SUSPECT_RECOGNITION
        and d.status in IN_FORCE
        and (d.decided_at or d.created_at) >= changed_at
        and d.qualification == last_change.qualification
        for d in facts.decisions
    )
    suspects = [p for p in facts.participants if p.role == ParticipantRole.SUSPECT]
    stale = [p for p in suspects if p.qualification != last_change.qualification]
    if not stale or recognised_after:
        return []
    return [
        Hit(
            target=RuleTarget.DECISION,
            object_id=last_change.pk,
            facts={
                "qualification": last_change.qualification,
                "changed_at": iso(changed_at),
                "suspects": [f"{p.person.full_name} ({p.qualification})" for p in stale],
            },
        )
    ]


RULE = register(
    Rule(
        code="qualification_without_recognition",
        title=_("Qualification changed without a new recognition"),
        article="CPC Art. 204 p.3",
        severity=FindingSeverity.RISK,
        checks=_("The qualification of the case changed but the suspect was not recognised again under it."),
        applies_to=(RuleTarget.DECISION, RuleTarget.PARTICIPANT),
        blocks_approval=False,
        check=check,
    )
)
