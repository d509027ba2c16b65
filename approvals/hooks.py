"""Hooks of the decision services, so other apps (legality) act on decisions without approvals importing them.

Apps register in their AppConfig.ready():

    from approvals import hooks
    hooks.on_decision_changed(listener)     # listener(*, decision, event: str) -> object
    hooks.register_approval_guard(guard)    # guard(*, decision) -> list[str]: reasons approval is refused

Both run inside the service's transaction, after the decision row is saved: a listener's writes commit or
roll back with the change. A guard runs before the approval is written; any reason it returns refuses the
approval (409) and nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Listener = Callable[..., Any]
Guard = Callable[..., list[str]]

_listeners: list[Listener] = []
_guards: list[Guard] = []


def on_decision_changed(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def register_approval_guard(guard: Guard) -> None:
    if guard not in _guards:
        _guards.append(guard)


def decision_changed(*, decision: Any, event: str) -> None:
    for listener in list(_listeners):
        listener(decision=decision, event=event)


def approval_refusals(*, decision: Any) -> list[str]:
    reasons: list[str] = []
    for guard in list(_guards):
        reasons.extend(guard(decision=decision))
    return reasons
