"""Cross-app hooks: ecase calls its listeners at fixed points without importing the apps that listen.

Apps add listeners in AppConfig.ready():

    from ecase import hooks
    hooks.on_action_recorded(my_listener)   # my_listener(*, action: InvestigativeAction) -> object

``action_recorded`` runs inside ``ecase.services.cases.action_record``'s transaction, after the action row
and its audit event are written: a listener's writes commit or roll back with the action, and a listener
that raises makes the recording fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ecase.models import InvestigativeAction

ActionListener = Callable[..., Any]
BasisResolver = Callable[..., "str | None"]

_action_listeners: list[ActionListener] = []
_basis_resolvers: list[BasisResolver] = []


def on_action_recorded(listener: ActionListener) -> None:
    """Register a listener (once: registering the same callable again is a no-op, so ready() may rerun)."""
    if listener not in _action_listeners:
        _action_listeners.append(listener)


def action_recorded(*, action: InvestigativeAction) -> None:
    for listener in list(_action_listeners):
        listener(action=action)


def register_basis_resolver(resolver: BasisResolver) -> None:
    """Register ``resolver(*, case, reference) -> str | None``: a description of the approved decision or court
    sanction the reference names in that case, or None when it names none."""
    if resolver not in _basis_resolvers:
        _basis_resolvers.append(resolver)


def resolve_action_basis(*, case: Any, reference: str) -> str | None:
    """What an investigative action's basis reference points to, or None if no app recognises it as an
    approved basis in this case. With no resolver registered nothing is recognised, so a reference can
    never be used to keep a rights-restricting action out of the prosecutor's review."""
    for resolver in list(_basis_resolvers):
        found = resolver(case=case, reference=reference)
        if found:
            return str(found)
    return None
