"""Hooks of the decision services, so other apps (legality) act on decisions without approvals importing them.

Apps register in their AppConfig.ready():

    from approvals import hooks
    hooks.on_decision_changed(listener)     # listener(*, decision, event: str) -> object
    hooks.register_approval_guard(guard)    # guard(*, decision) -> list[str]: reasons approval is refused
    hooks.register_inbox_column(column)     # InboxColumn: a column of the approval inbox (badges per row)

Both run inside the service's transaction, after the decision row is saved: a listener's writes commit or
roll back with the change. A guard runs before the approval is written; any reason it returns refuses the
approval (409) and nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
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


# --- columns of the approval inbox ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RowBadge:
    """One badge in an inbox cell. `level` is a CSS modifier (e.g. "violation", "risk", "notice", "clear");
    `title` explains it in full; `blocking` marks a row that cannot be approved as it stands."""

    text: str
    level: str
    title: str = ""
    blocking: bool = False


@dataclass(frozen=True)
class InboxColumn:
    """A column another app adds to the inbox. `badges(*, user, decision_ids)` answers for the decisions of
    the page at once, in a constant number of queries (never one per row): {decision id: [badges]}; a
    decision without badges may be left out."""

    name: str
    label: Any
    badges: Callable[..., dict[int, list[RowBadge]]]
    order: int = 100


_columns: dict[str, InboxColumn] = {}


def register_inbox_column(column: InboxColumn) -> None:
    _columns[column.name] = column


def inbox_columns() -> list[InboxColumn]:
    return sorted(_columns.values(), key=lambda c: (c.order, c.name))


def inbox_cells(*, user: Any, decision_ids: Iterable[int]) -> dict[int, list[list[RowBadge]]]:
    """For each decision id, one list of badges per registered column (in inbox_columns() order)."""
    ids = list(decision_ids)
    columns = inbox_columns()
    answers = [column.badges(user=user, decision_ids=ids) if ids else {} for column in columns]
    return {pk: [answer.get(pk, []) for answer in answers] for pk in ids}
