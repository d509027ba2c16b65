"""The registry of deadline sources. Apps register the items that have a clock; ecase imports no app.

Each source describes a queryset of open items with a deadline field, who is responsible for each item,
and which office escalations go to. The scanner (ecase.reminders) asks every registered source for items
near their deadline, using the source's indexed deadline field, and never reads items far from it.

Apps register in their AppConfig.ready():

    from ecase.deadlines import DeadlineSource, Period, register

    register(DeadlineSource(
        key="approvals.decision",
        label=_("Decision awaiting the prosecutor"),
        open_items=lambda: ProceduralDecision.objects.filter(status=DecisionStatus.PENDING),
        deadline_field="due_at",
        responsible=lambda d: list_of_users_to_notify,
        escalation_office=lambda d: d.case.supervising_office,
        describe=lambda d: f"{d.get_kind_display()} in case {d.case.number}",
        url=lambda d: reverse("approvals:detail", args=[d.pk]),
        select_related=("case",),
        # Optional: override the settings DEADLINE_DUE_SOON / DEADLINE_ESCALATE_AFTER for this source.
        due_soon=Period.hours(6),
        escalate_after=Period.hours(12),
    ))

The deadline field must be indexed (ideally together with the status the open_items() query filters on),
and the model's primary key must be an integer: notices are keyed by (source key, item id, stage, deadline).
open_items() must return only items whose clock is running; an item that leaves it (decided, answered,
closed) gets no further notices, and a notice already queued for it is cancelled when delivered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from ecase.models import Organisation, User

PeriodUnit = Literal["hours", "working_days"]
_PERIOD_RE = re.compile(r"^\s*(\d+)\s*(h|wd)\s*$")


@dataclass(frozen=True)
class Period:
    """A lead time or an escalation threshold: real-time hours, or working days of the Kazakh calendar.

    Written in settings as "24h" or "2wd"; "0h" means "at the deadline itself".
    """

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a period cannot be negative")

    @classmethod
    def hours(cls, amount: int) -> Period:
        return cls(amount, "hours")

    @classmethod
    def working_days(cls, amount: int) -> Period:
        return cls(amount, "working_days")

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD_RE.match(text)
        if match is None:
            raise ValueError(f"{text!r} is not a period: write e.g. '24h' (hours) or '2wd' (working days)")
        return cls(int(match[1]), "hours" if match[2] == "h" else "working_days")

    def __str__(self) -> str:
        return f"{self.amount}{'h' if self.unit == 'hours' else 'wd'}"


@dataclass(frozen=True)
class DeadlineSource:
    key: str
    label: str | Promise
    open_items: Callable[[], QuerySet[Any]]
    responsible: Callable[[Any], Sequence[User]]
    escalation_office: Callable[[Any], Organisation | None]
    describe: Callable[[Any], str]
    url: Callable[[Any], str]
    deadline_field: str = "due_at"
    select_related: tuple[str, ...] = field(default=())
    # None: the project-wide settings DEADLINE_DUE_SOON and DEADLINE_ESCALATE_AFTER apply.
    due_soon: Period | None = None
    escalate_after: Period | None = None
    # Several reminders before the deadline (e.g. 24 h, 6 h and 1 h before a detention ends): each lead time
    # is its own "due soon" notice, keyed by f"{key}@{lead}" so each is sent at most once per item. Only the
    # nearest reminder is sent when several fall due at one scan. Replaces `due_soon` when given.
    lead_times: tuple[Period, ...] = field(default=())

    def notice_key(self, lead: Period | None) -> str:
        return f"{self.key}{LEAD_SEPARATOR}{lead}" if lead is not None else self.key


LEAD_SEPARATOR = "@"
_sources: dict[str, DeadlineSource] = {}


def register(source: DeadlineSource) -> None:
    _sources[source.key] = source


def unregister(key: str) -> None:
    """Remove a source (tests register temporary sources and remove them afterwards)."""
    _sources.pop(key, None)


def sources() -> list[DeadlineSource]:
    return list(_sources.values())


def source(key: str) -> DeadlineSource:
    """The source of a notice key (a source key, or "<source key>@<lead time>")."""
    return _sources[key.split(LEAD_SEPARATOR, 1)[0]]


def item_key(obj: Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"
