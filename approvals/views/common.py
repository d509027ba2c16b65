"""What the approvals pages share: the user, a visible decision (or 404), a filtered and paged list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from ecase.models import User
from ecase.pagination import paginate

from ..filters import DecisionFilter
from ..models import ProceduralDecision
from ..selectors import decision_get_visible

PER_PAGE = 25
FILTER_FIELDS = ("status", "kind", "body", "office", "overdue")


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get_decision(request: HttpRequest, pk: int) -> ProceduralDecision:
    try:
        return decision_get_visible(user=_user(request), decision_id=pk)
    except ProceduralDecision.DoesNotExist as exc:
        raise Http404 from exc


def label_empty_choices(filterset: DecisionFilter) -> None:
    for name in FILTER_FIELDS:
        if name in filterset.filters:
            filterset.filters[name].extra["empty_label"] = _("Any")


def _filtered_list(
    request: HttpRequest, queryset: QuerySet[ProceduralDecision], *, drop: tuple[str, ...]
) -> dict[str, Any]:
    filterset = DecisionFilter(request.GET or None, queryset=queryset, user=_user(request))
    for name in drop:
        filterset.filters.pop(name, None)
    label_empty_choices(filterset)
    # An invalid filter (e.g. a body the user may not see) shows its error and no rows, never everything.
    rows = queryset.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
    return {"filter": filterset, **paginate(request, rows, PER_PAGE)}
