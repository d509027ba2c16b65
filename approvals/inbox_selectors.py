"""Reads of the prosecutor's work queue on top of approvals.selectors.inbox_for: the whitelisted orderings
of the columns, the counts per quick and saved filter (one query), and the next decision in the inbox order
after a given one (keyset: constant cost however long the queue)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OrderBy, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.models import User
from ecase.terms.engine import end_of_day

from .filters import DecisionFilter
from .inbox_models import SavedInboxFilter
from .models import ProceduralDecision, overdue_q
from .selectors import inbox_for

# The sort keys of the inbox columns (?ordering=key or -key) and the field each sorts by. Anything else is
# ignored with a message: never passed to order_by.
ORDERINGS: dict[str, str] = {
    "deadline": "due_at",
    "case": "case__number",
    "kind": "kind",
    "body": "case__investigation_body__name",
    "author": "author__last_name",
    "submitted": "submitted_at",
}
DEFAULT_ORDERING = "deadline"
SAVED_FILTERS_MAX = 20


@dataclass(frozen=True)
class Ordering:
    key: str  # the column key
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    @property
    def field(self) -> str:
        return ORDERINGS[self.key]

    def order_by(self) -> list[OrderBy]:
        # NULLs last both ways, so the keyset of inbox_next_after reads the same order.
        expression = F(self.field)
        main = expression.desc(nulls_last=True) if self.descending else expression.asc(nulls_last=True)
        return [main, F("id").asc()]


def ordering_or_default(value: str | None) -> Ordering:
    return ordering_parse(value) or Ordering(key=DEFAULT_ORDERING, descending=False)


def ordering_parse(value: str | None) -> Ordering | None:
    """The ordering of ?ordering=…: None when absent or not one of ORDERINGS (the caller says so)."""
    value = (value or "").strip()
    key = value.removeprefix("-")
    if key not in ORDERINGS:
        return None
    return Ordering(key=key, descending=value.startswith("-"))


def due_today_q() -> Q:
    now = timezone.now()
    return Q(due_at__gte=now, due_at__lte=end_of_day(timezone.localdate(now)))


def inbox_filtered(*, user: User, query: QueryDict) -> tuple[DecisionFilter, QuerySet[ProceduralDecision]]:
    """The inbox narrowed by the filters in `query` (an invalid filter: no rows, never everything)."""
    base = inbox_for(user=user)
    filterset = DecisionFilter(query or None, queryset=base, user=user)
    for name in ("status", "case", "office"):
        filterset.filters.pop(name, None)
    rows = base.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
    if query.get("due") == "today":
        rows = rows.filter(due_today_q())
    return filterset, rows


QUICK_FILTERS: Sequence[tuple[str, Any]] = (
    ("all", _("All")),
    ("overdue", _("Overdue")),
    ("today", _("Due today")),
)


def inbox_counts(*, user: User, saved: Sequence[SavedInboxFilter]) -> dict[str, int]:
    """Rows of the inbox per quick filter ("all", "overdue", "today") and per saved filter ("saved-<id>"),
    in one query whatever the number of saved filters."""
    aggregates: dict[str, Any] = {
        "all": Count("pk"),
        "overdue": Count("pk", filter=overdue_q()),
        "today": Count("pk", filter=due_today_q()),
    }
    invalid: list[str] = []
    for item in saved:
        filterset, rows = inbox_filtered(user=user, query=QueryDict(item.query))
        if filterset.is_bound and not filterset.is_valid():
            invalid.append(f"saved-{item.pk}")  # e.g. a body the user may no longer see: nothing matches
            continue
        aggregates[f"saved-{item.pk}"] = Count("pk", filter=Q(pk__in=rows.order_by().values("pk")))
    counts: dict[str, int] = inbox_for(user=user).order_by().aggregate(**aggregates)
    return counts | dict.fromkeys(invalid, 0)


def saved_filters_of(*, user: User) -> list[SavedInboxFilter]:
    return list(SavedInboxFilter.objects.filter(user=user).order_by("name", "id")[:SAVED_FILTERS_MAX])


def inbox_next_after(*, user: User, decision_id: int, query: QueryDict) -> int | None:
    """The id of the decision after `decision_id` in the inbox as the user sorted and filtered it (the
    decided one has left the inbox; its sort values have not changed), or the first one if none follows."""
    ordering = ordering_or_default(query.get("ordering"))
    _filterset, rows = inbox_filtered(user=user, query=query)
    rows = rows.exclude(pk=decision_id).order_by(*ordering.order_by())
    field = ordering.field
    current = ProceduralDecision.objects.filter(pk=decision_id).values_list(field, flat=True)
    if not current:
        return None
    value = current[0]
    if value is None:
        after = Q(**{f"{field}__isnull": True, "pk__gt": decision_id})
    else:
        beyond = f"{field}__lt" if ordering.descending else f"{field}__gt"
        after = Q(**{beyond: value}) | Q(**{field: value, "pk__gt": decision_id}) | Q(**{f"{field}__isnull": True})
    following = rows.filter(after).values_list("pk", flat=True).first()
    if following is not None:
        return following
    return rows.values_list("pk", flat=True).first()
