"""Filter backends that refuse what they do not understand, instead of silently ignoring it.

DRF's OrderingFilter drops unknown `ordering` fields and django-filter ignores unknown parameters, so a
client that misspells a filter gets an unfiltered list and believes it filtered. Here both answer 400 and
name the offending parameters. The schema stays the libraries' own (same parameter names and types).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter, SearchFilter
from rest_framework.request import Request
from rest_framework.views import APIView

# Parameters every list understands besides its filters: pagination and DRF's format suffix.
GENERAL_PARAMS = frozenset({"page", "page_size", "format"})


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: APIView) -> Any:
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = {item[0] for item in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [field for field in fields if field.lstrip("-") not in valid]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("Unknown ordering field(s): %(unknown)s. Allowed: %(allowed)s.")
                            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(valid))}
                        ]
                    },
                    code="invalid_ordering",
                )
        ordering = super().get_ordering(request, queryset, view)
        # A unique last key, so that equal values (two decisions due at the same minute) page stably.
        if ordering and not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering = [*ordering, "id"]
        return ordering


def _is_list(view: APIView) -> bool:
    kwargs = getattr(view, "kwargs", {}) or {}
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
    return lookup not in kwargs


def allowed_query_params(request: Request, queryset: QuerySet[Any], view: APIView) -> set[str]:
    allowed = set(GENERAL_PARAMS) | set(getattr(view, "extra_query_params", ()))
    backends = getattr(view, "filter_backends", [])
    for backend_class in backends:
        backend = backend_class()
        if isinstance(backend, DjangoFilterBackend):
            filterset_class = backend.get_filterset_class(view, queryset)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
        elif isinstance(backend, SearchFilter) and getattr(view, "search_fields", None):
            allowed.add(backend.search_param)
        elif isinstance(backend, OrderingFilter) and getattr(view, "ordering_fields", None):
            allowed.add(backend.ordering_param)
        allowed |= set(getattr(backend, "accepted_query_params", ()))  # e.g. integrations' updated_after
    return allowed


class StrictQueryParamsFilter(BaseFilterBackend):
    """On a list, 400 for query parameters that no filter, search, ordering or pagination reads."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: APIView) -> QuerySet[Any]:
        if request.method not in ("GET", "HEAD") or not _is_list(view):
            return queryset
        unknown = sorted(set(request.query_params) - allowed_query_params(request, queryset, view))
        if unknown:
            raise ValidationError(
                {
                    name: [_("Unknown query parameter. This list does not filter by %(name)s.") % {"name": name}]
                    for name in unknown
                },
                code="unknown_parameter",
            )
        return queryset
