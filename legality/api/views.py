"""The legality API:

GET  /api/v1/legality/rules/                        the rules table
GET  /api/v1/legality/findings/                     findings of the cases the user sees (filters)
GET  /api/v1/legality/findings/{id}/
POST /api/v1/legality/findings/                     {"case", "decision", "severity", "article", "text"}: recorded
                                                    by hand by a prosecutor (origin "prosecutor", rule "manual")
POST /api/v1/legality/findings/{id}/acknowledge/    {"reason"}: a prosecutor accepts it (open -> acknowledged)
POST /api/v1/legality/findings/{id}/resolve/        {"decision", "reason"}: closed by a decision (-> acted_on)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.models import Case, User

from .. import services
from ..filters import FindingFilter
from ..models import Finding
from ..permissions import can_see_findings
from ..registry import rules_all
from ..selectors import finding_get_visible, finding_list_visible_to
from .serializers import (
    AcknowledgeSerializer,
    FindingSerializer,
    LegalityRuleSerializer,
    RecordSerializer,
    ResolveSerializer,
)


def _require_staff(user: User) -> None:
    if not can_see_findings(user):
        raise PermissionDenied(_("Legality findings are for investigators and prosecutors."))


class LegalityRulesView(APIView):
    @extend_schema(
        summary="The legality rules",
        description="Every rule: code, title, article of the law, severity, what it checks, what it applies to, "
        "whether it blocks approval.",
        responses={200: LegalityRuleSerializer(many=True), **error_responses(403)},
        tags=["legality"],
    )
    def get(self, request: Request) -> Response:
        _require_staff(request_user(request))
        return Response(LegalityRuleSerializer(rules_all(), many=True).data)


def _action_schema(summary: str, request: type[BaseSerializer]) -> Callable[[Any], Any]:
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: FindingSerializer, **error_responses(400, 403, 404, 409)},
        tags=["legality"],
    )


@extend_schema_view(
    list=extend_schema(
        summary="Findings",
        description="Findings of the cases the user may see, most severe and oldest first.",
        responses={200: FindingSerializer(many=True), **error_responses(400, 403)},
        tags=["legality"],
    ),
    retrieve=extend_schema(
        summary="One finding", responses={200: FindingSerializer, **error_responses(404)}, tags=["legality"]
    ),
    create=extend_schema(
        summary="Record a finding by hand",
        description="A prosecutor of the supervising office records a violation he found himself (rule `manual`, "
        "origin `prosecutor`) on a case or one of its decisions. It stays open until a prosecutor closes it.",
        request=RecordSerializer,
        responses={201: FindingSerializer, **error_responses(400, 403, 404)},
        tags=["legality"],
    ),
)
class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    ordering_fields = ["first_seen", "last_seen"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Finding]:
        if getattr(self, "swagger_fake_view", False):
            return Finding.objects.none()
        user = request_user(self.request)
        _require_staff(user)
        return finding_list_visible_to(user=user)

    def create(self, request: Request) -> Response:
        user = request_user(request)
        _require_staff(user)
        serializer = RecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            finding = services.finding_record(
                actor=user,
                case_id=data["case"],
                decision_id=data["decision"],
                severity=data["severity"],
                article=data["article"],
                text=data["text"],
            )
        except Case.DoesNotExist:
            raise NotFound from None
        return Response(FindingSerializer(finding_get_visible(user=user, finding_id=finding.pk)).data, status=201)

    def _act(self, input_class: type[BaseSerializer], run: Callable[[int, User, dict[str, Any]], Any]) -> Response:
        user = request_user(self.request)
        _require_staff(user)
        try:
            finding = finding_get_visible(user=user, finding_id=int(self.kwargs["pk"]))
        except (Finding.DoesNotExist, ValueError):
            raise NotFound from None
        serializer = input_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        run(finding.pk, user, dict(serializer.validated_data))
        return Response(FindingSerializer(finding_get_visible(user=user, finding_id=finding.pk)).data)

    @_action_schema("Acknowledge a finding", AcknowledgeSerializer)
    @action(detail=True, methods=["post"], serializer_class=AcknowledgeSerializer)
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            AcknowledgeSerializer,
            lambda fid, user, data: services.finding_acknowledge(finding_id=fid, actor=user, reason=data["reason"]),
        )

    @_action_schema("Close a finding with the decision that fixed it", ResolveSerializer)
    @action(detail=True, methods=["post"], serializer_class=ResolveSerializer)
    def resolve(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            ResolveSerializer,
            lambda fid, user, data: services.finding_act_on(
                finding_id=fid, actor=user, decision_id=data["decision"], reason=data["reason"]
            ),
        )
