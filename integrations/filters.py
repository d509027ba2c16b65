"""`updated_after` on every list: the objects changed at or after a moment (ISO 8601 with a time zone).

"Changed" is read from the audit trail — every change writes an event in its own transaction — so it works
for every model the same way, with one indexed EXISTS per row: an event on the object itself, and for a case
also an event of its materials. A model with an `updated_at` column uses that instead. For a complete,
gap-free stream of changes use the change feed (/api/v1/events/); this filter is for a periodic re-read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.views import APIView

from ecase.models import AuditEvent

PARAM = "updated_after"


class UpdatedAfterFilter(BaseFilterBackend):
    accepted_query_params = (PARAM,)  # read by ecase.api.strict_filters

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: APIView) -> QuerySet[Any]:
        raw = request.query_params.get(PARAM)
        if raw is None:
            return queryset
        moment = parse_datetime(raw.strip())
        if moment is None or moment.tzinfo is None:
            raise ValidationError({PARAM: [_("Give a date and time with a time zone, e.g. 2026-01-31T09:00:00Z.")]})
        model = queryset.model
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            return queryset.filter(updated_at__gte=moment)
        label = model._meta.label_lower
        concerns = Q(object_type=label, object_id=Cast(OuterRef("pk"), CharField()))
        if label == "ecase.case":
            concerns |= Q(case_id=OuterRef("pk"))
        return queryset.filter(Exists(AuditEvent.objects.filter(concerns, recorded_at__gte=moment)))

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": PARAM,
                "required": False,
                "in": "query",
                "description": "Only objects changed at or after this moment (ISO 8601 with a time zone).",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]
