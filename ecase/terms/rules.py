"""The registry of named term rules, for the calculator (web page and API) and anyone who needs a rule by code.

ecase registers its own tables (TermRule, the investigation terms and their extension chain); apps register
theirs in AppConfig.ready() (ecase imports no app):

    from ecase.terms.rules import Rule, register_provider
    register_provider("approvals", lambda: [Rule(code="decision.termination", title=..., term=Term(...))])

A provider returns the rules in force now (read from its configuration table), so an admin edit shows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from ecase.terms.term import Term


@dataclass(frozen=True)
class Rule:
    code: str
    title: str | Promise
    term: Term
    verified: bool = False


RuleProvider = Callable[[], Iterable[Rule]]
_providers: dict[str, RuleProvider] = {}


def register_provider(key: str, provider: RuleProvider) -> None:
    _providers[key] = provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def rules_all() -> list[Rule]:
    """Every rule of every provider, in registration order, then by code."""
    rules: list[Rule] = []
    for provider in _providers.values():
        rules.extend(sorted(provider(), key=lambda r: r.code))
    return rules


def rule_get(code: str) -> Rule | None:
    return next((rule for rule in rules_all() if rule.code == code), None)
