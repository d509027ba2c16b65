"""A complaint refused without the recorded personal explanation (APPK Art. 76; Law on the procedure of
considering appeals: a refusal is explained to the complainant in person). The complaints service and a check
constraint of the database make this impossible; the rule is the standing proof that it stays so (a row
imported or repaired by hand would show here)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from complaints.choices import ComplaintStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    return [
        Hit(
            target=RuleTarget.COMPLAINT,
            object_id=c.pk,
            facts={"complaint": c.tracking_number, "answered_at": iso(c.answered_at)},
        )
        for c in facts.complaints
        if c.status == ComplaintStatus.REFUSED and c.explanation_id is None
    ]


RULE = register(
    Rule(
        code="complaint_refused_unexplained",
        title=_("Complaint refused without a recorded explanation"),
        article="APPK Art. 76",
        severity=FindingSeverity.VIOLATION,
        checks=_("A complaint in the case was refused without the record of the personal explanation."),
        applies_to=(RuleTarget.COMPLAINT,),
        blocks_approval=False,
        check=check,
    )
)
