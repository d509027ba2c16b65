"""The registry of deadline sources. Apps register the items that have a clock; ecase imports no app.

Each source describes a queryset of open items with a deadline field, who is responsible for each item,
and which office escalations go to. The scanner (ecase.reminders) asks every registered source for items
near their deadline, using the source's indexed deadline field, and never reads items far from it.

Apps register in their AppConfig.ready():

    from ecase.deadlines import DeadlineSource, register

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
    ))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from ecase.models import Organisation, User


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


_sources: dict[str, DeadlineSource] = {}


def register(source: DeadlineSource) -> None:
    _sources[source.key] = source


def sources() -> list[DeadlineSource]:
    return list(_sources.values())


def source(key: str) -> DeadlineSource:
    return _sources[key]


def item_key(obj: Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"
