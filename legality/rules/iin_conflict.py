"""A participant's IIN that fails its check digit, or one IIN under two different names in a case
(Law on national registers of identification numbers, Art. 3; CPC Art. 199: the identity of the person)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from approvals.choices import DecisionStatus
from ecase.validators import validate_iin

from ..choices import FindingSeverity, RuleTarget
from ..facts import CaseFacts
from ..registry import Hit, Rule, register


def _valid(iin: str) -> bool:
    try:
        validate_iin(iin)
    except ValidationError:
        return False
    return True


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def check(facts: CaseFacts, now: datetime) -> list[Hit]:
    names: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, set[str]] = defaultdict(set)
    for p in facts.participants:
        if p.person.iin:
            names[p.person.iin].add(_norm(p.person.full_name))
            shown[p.person.iin].add(p.person.full_name)
    for d in facts.decisions:
        if d.person_iin and d.person_full_name and d.status not in (DecisionStatus.WITHDRAWN, DecisionStatus.REJECTED):
            names[d.person_iin].add(_norm(d.person_full_name))
            shown[d.person_iin].add(d.person_full_name)
    hits = []
    for iin in sorted(names):
        problems = []
        if not _valid(iin):
            problems.append("invalid")
        if len(names[iin]) > 1:
            problems.append("two_names")
        if problems:
            hits.append(
                Hit(
                    target=RuleTarget.PERSON,
                    object_id=int(iin) if iin.isdigit() else 0,
                    facts={"iin": iin, "names": sorted(shown[iin]), "problems": problems},
                )
            )
    return hits


RULE = register(
    Rule(
        code="iin_conflict",
        title=_("Invalid IIN or one IIN under two names"),
        article="CPC Art. 199; Law on national registers, Art. 3",
        severity=FindingSeverity.RISK,
        checks=_("An IIN in the case fails its check digit, or the same IIN appears under two different names."),
        applies_to=(RuleTarget.PARTICIPANT, RuleTarget.DECISION),
        blocks_approval=False,
        check=check,
    )
)
