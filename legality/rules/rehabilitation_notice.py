"""A termination on a rehabilitating ground after custody, house arrest or detention, without the notice of
the right to compensation handed over in time (CPC Art. 38-39)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionKind, DecisionStatus
from ecase.choices import CaseStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    case = facts.case
    if case.status != CaseStatus.TERMINATED or not case.termination_rehabilitating:
        return []
    held: dict[int, str] = {d.person_id: d.person.full_name for d in facts.detentions}
    by_participant = {p.pk: p for p in facts.participants}
    for d in facts.decisions:
        if d.kind == DecisionKind.PREVENTIVE_MEASURE and d.status == DecisionStatus.SANCTIONED and d.participant_id:
            participant = by_participant.get(d.participant_id)
            if participant:
                held[participant.person_id] = participant.person.full_name
    standing = {r.person_id: r for r in facts.rehabilitations if r.cancelled_at is None}
    hits = []
    for person_id, name in sorted(held.items()):
        rehab = standing.get(person_id)
        if rehab is not None and (rehab.handed_over_at is not None or rehab.handover_due_at >= now):
            continue
        hits.append(
            Hit(
                target=RuleTarget.PERSON,
                object_id=person_id,
                facts={
                    "person": name,
                    "handover_due_at": iso(rehab.handover_due_at) if rehab else None,
                    "notice_recorded": rehab is not None,
                },
            )
        )
    return hits


RULE = register(
    Rule(
        code="rehabilitation_notice_missing",
        title=_("Compensation-rights notice not handed over"),
        article="CPC Art. 38-39",
        severity=FindingSeverity.VIOLATION,
        checks=_(
            "A person held in custody, under house arrest or detained in a case terminated on a "
            "rehabilitating ground has not been handed the notice of the right to compensation."
        ),
        applies_to=(RuleTarget.CASE, RuleTarget.PERSON),
        blocks_approval=False,
        check=check,
    )
)
