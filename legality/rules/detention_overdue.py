"""A detained person held past 48 hours (72 with the exceptional ground) without release or a court
sanction (CPC Art. 131, Constitution Art. 16 p.3)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from ecase.choices import DetentionStatus

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register
from ._common import hours, iso


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    return [
        Hit(
            target=RuleTarget.DETENTION,
            object_id=d.pk,
            facts={
                "person": d.person.full_name,
                "detained_at": iso(d.detained_at),
                "ends_at": iso(d.ends_at),
                "exceptional": d.exceptional,
                "hours_over": hours((now - d.ends_at).total_seconds()),
            },
        )
        for d in facts.detentions
        if d.status == DetentionStatus.RUNNING and d.ends_at < now
    ]


RULE = register(
    Rule(
        code="detention_overdue",
        title=_("Detained past the legal limit"),
        article="CPC Art. 131; Constitution Art. 16 p.3",
        severity=FindingSeverity.VIOLATION,
        checks=_(
            "A detained person is still held after 48 hours (72 with the exceptional ground) without "
            "release or a court sanction."
        ),
        applies_to=(RuleTarget.DETENTION,),
        blocks_approval=False,
        check=check,
    )
)
