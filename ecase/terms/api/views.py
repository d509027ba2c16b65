"""The terms calculator API (staff only; citizens and other users answer 403):

    GET /api/v1/terms/rules/                                   every rule in force
    GET /api/v1/terms/calculate/?rule=<code>&start=<ISO datetime>   the end moment, the article, the days skipped

An unknown rule or a bad start answers 400 with the project's error shape and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.permissions import can_use_terms_calculator
from ecase.terms.api.serializers import CalculateInputSerializer, CalculateOutputSerializer, RuleSerializer
from ecase.terms.engine import compute
from ecase.terms.rules import rule_get, rules_all


def _require_staff(request: Request) -> None:
    if not can_use_terms_calculator(request_user(request)):
        raise PermissionDenied(_("The terms calculator is for staff."))


class TermRulesView(APIView):
    @extend_schema(
        summary="The term rules in force",
        description="Every configured term: decision kinds, the court, complaint kinds, the investigation term "
        "per category with its extension chain, detention.",
        responses={200: RuleSerializer(many=True), **error_responses(403)},
        tags=["terms"],
    )
    def get(self, request: Request) -> Response:
        _require_staff(request)
        return Response(RuleSerializer(rules_all(), many=True).data)


class TermCalculateView(APIView):
    @extend_schema(
        summary="Compute the end of a term",
        description="The end moment of the rule's term from the start event, by the CPC's rules on computing "
        "terms and the Kazakh calendar, with the days skipped and why (weekend, public holiday, transferred day).",
        parameters=[
            OpenApiParameter("rule", str, required=True, description="A rule code from /api/v1/terms/rules/."),
            OpenApiParameter("start", str, required=True, description="ISO 8601 datetime of the start event."),
        ],
        responses={200: CalculateOutputSerializer, **error_responses(400, 403)},
        tags=["terms"],
    )
    def get(self, request: Request) -> Response:
        _require_staff(request)
        data = CalculateInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        rule = rule_get(data.validated_data["rule"])
        if rule is None:
            raise ValidationError({"rule": [_("Unknown rule: see /api/v1/terms/rules/.")]})
        result = compute(rule.term, data.validated_data["start"])
        payload: dict[str, Any] = {
            "rule": rule,
            "start": result.start,
            "end": result.end,
            "last_day": result.last_day,
            "nominal_last_day": result.nominal_last_day,
            "moved": result.moved,
            "article": rule.term.article,
            "skipped": result.skipped,
        }
        return Response(CalculateOutputSerializer(payload).data)
