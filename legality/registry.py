"""The one table of legality rules. Each rule lives in its own module under legality/rules/ and registers
itself here with its code, title, article of the law, severity, what it checks, what it applies to and
whether it blocks approval.

A rule is a pure function ``check(facts: CaseFacts, now: datetime) -> list[Hit]``: it reads only the facts
loaded for one case (no queries) and returns what it found, each hit naming its object and the facts used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from .choices import FindingSeverity, RuleTarget

if TYPE_CHECKING:
    from .facts import CaseFacts


@dataclass(frozen=True)
class Hit:
    """One finding of one rule: the object it concerns (``target:id``), the decision if any, the facts."""

    target: str
    object_id: int
    facts: dict[str, Any]
    decision_id: int | None = None

    @property
    def object_key(self) -> str:
        return f"{self.target}:{self.object_id}"


Check = Callable[["CaseFacts", datetime], list[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str | Promise
    article: str
    severity: FindingSeverity
    checks: str | Promise
    applies_to: tuple[RuleTarget, ...]
    blocks_approval: bool
    check: Check = field(compare=False, repr=False)


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule (registering the same code again replaces it)."""
    _rules[rule.code] = rule
    return rule


def rules_all() -> list[Rule]:
    return sorted(_rules.values(), key=lambda r: r.code)


def rule_get(code: str) -> Rule | None:
    return _rules.get(code)


def rule_codes() -> list[str]:
    return sorted(_rules)
