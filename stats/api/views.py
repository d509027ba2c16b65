"""GET /api/v1/stats/ and /api/v1/stats/{code}/: the statistics page's figures as JSON."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.models import User
from stats import indicators as registry
from stats.api.serializers import (
    IndicatorSerializer,
    StatsQuerySerializer,
    StatsReportSerializer,
    indicator_data,
    report_data,
)
from stats.choices import ScopeChoice
from stats.permissions import can_view_statistics
from stats.selectors import Report, stats_report, stats_scope_for

ERRORS = error_responses(400, 403, 404)


class _StatsBase(APIView):
    def _report(self, request: Request, codes: list[str] | None = None) -> Report:
        user: User = request.user  # type: ignore[assignment]
        # 403 for a user who may not see statistics at all, before looking at the filters.
        if not can_view_statistics(user):
            raise PermissionDenied(_("Statistics are available to senior prosecutors and auditors."))
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = query.validated_data
        scope = stats_scope_for(
            user=user, office_id=data.get("office"), include_subtree=data["scope"] != ScopeChoice.OFFICE
        )
        return stats_report(scope=scope, period=data["period"], codes=codes)


class StatsView(_StatsBase):
    @extend_schema(
        operation_id="stats_report",
        summary="All statistics indicators for an office (and its sub-offices) over a period",
        description="The same figures as the statistics page and its CSV export. Each indicator carries its "
        "definition; counts are compared with the previous period of the same length.",
        parameters=[StatsQuerySerializer],
        responses={200: StatsReportSerializer, **ERRORS},
        tags=["stats"],
    )
    def get(self, request: Request) -> Response:
        return Response(StatsReportSerializer(report_data(self._report(request))).data)


class StatsIndicatorView(_StatsBase):
    @extend_schema(
        operation_id="stats_indicator",
        summary="One statistics indicator",
        parameters=[
            StatsQuerySerializer,
            OpenApiParameter("code", str, OpenApiParameter.PATH, description="Indicator code, e.g. cases_terminated."),
        ],
        responses={200: IndicatorSerializer, **ERRORS},
        tags=["stats"],
    )
    def get(self, request: Request, code: str) -> Response:
        try:
            registry.get(code)
        except KeyError as exc:
            raise Http404(_("No such indicator.")) from exc
        report = self._report(request, codes=[code])
        return Response(IndicatorSerializer(indicator_data(report.result(code))).data)
