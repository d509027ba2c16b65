"""GET /api/v1/legality/stats/: the legality statistics page's figures as JSON (the statistics API's shape)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from stats.api.serializers import StatsQuerySerializer, StatsReportSerializer, report_data
from stats.choices import ScopeChoice

from ..indicators import legality_report
from ..selectors import legality_stats_scope_for


class LegalityStatsView(APIView):
    @extend_schema(
        operation_id="legality_stats",
        summary="Legality statistics for an office (and its sub-offices) over a period",
        description="Findings first seen in the period: found by the system vs recorded by prosecutors, by rule, "
        "severity, office and status, and the time to resolution (median, 90th percentile, hours); compared with "
        "the previous period of the same length. Prosecutors and auditors, for their own offices; counts only.",
        parameters=[StatsQuerySerializer],
        responses={200: StatsReportSerializer, **error_responses(400, 403, 404)},
        tags=["legality"],
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        legality_stats_scope_for(user=user)  # 403 before looking at the filters
        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = query.validated_data
        scope = legality_stats_scope_for(
            user=user, office_id=data.get("office"), include_subtree=data["scope"] != ScopeChoice.OFFICE
        )
        report = legality_report(scope=scope, period=data["period"])
        return Response(StatsReportSerializer(report_data(report)).data)
