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

_action_listeners: list[ActionListener] = []


def on_action_recorded(listener: ActionListener) -> None:
    """Register a listener (once: registering the same callable again is a no-op, so ready() may rerun)."""
    if listener not in _action_listeners:
        _action_listeners.append(listener)


def action_recorded(*, action: InvestigativeAction) -> None:
    for listener in list(_action_listeners):
        listener(action=action)
