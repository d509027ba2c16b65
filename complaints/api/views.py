"""The complaints API for the office (and for citizens with an account, who see only their own).

    GET  /api/v1/complaints/                      list (visibility by office; a citizen's own only)
    POST /api/v1/complaints/                      staff: enter a complaint received by mail or in person
    GET  /api/v1/complaints/{id}/                 detail
    GET  /api/v1/complaints/{id}/history/         audit events
    POST /api/v1/complaints/{id}/register/        one action per transition ...
    POST /api/v1/complaints/{id}/satisfy/
    POST /api/v1/complaints/{id}/partially-satisfy/
    POST /api/v1/complaints/{id}/forward/
    POST /api/v1/complaints/{id}/propose-refusal/
    POST /api/v1/complaints/{id}/explanations/     the personal explanation: the only way to `refused`
    POST /api/v1/complaints/{id}/extend/
    POST /api/v1/complaints/{id}/appeal/           opens a linked complaint to the higher office (201)
    POST /api/v1/complaints/{id}/signing-payload/  the exact bytes to sign for an answer or the explanation record
    GET  /api/v1/complaints/{id}/signature/        the personal signatures (CMS, payload, verification)

No endpoint writes `status`: PUT, PATCH and DELETE answer 405.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, parsers, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from complaints import services
from complaints.filters import ComplaintFilter
from complaints.models import Complaint
from complaints.selectors import complaint_get_visible, complaint_history, complaint_queue
from ecase.api.schema import error_responses
from ecase.api.serializers import AuditEventSerializer
from ecase.api.utils import request_user
from ecase.models import User

from .serializers import (
    AnswerSerializer,
    AppealSerializer,
    CitizenComplaintSerializer,
    ComplaintSerializer,
    ExplanationInputSerializer,
    ExtendSerializer,
    ForwardSerializer,
    RegisterSerializer,
    StaffFileSerializer,
)
from .signature_views import ComplaintSignatureViewSet

MAX_PK = 2**63 - 1
Call = Callable[[int, User, dict[str, Any]], Complaint]


def _action_schema(summary: str, description: str, request: type[serializers.Serializer], *errors: int) -> Any:
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: ComplaintSerializer, **error_responses(400, 403, 404, 409, *errors)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List complaints",
        description=(
            "Prosecutors and auditors: the complaints of their office and its sub-offices, open ones first by the "
            "deadline that runs now (`deadline`), then answered ones. Citizens with an account: their own only "
            "(in the citizen's shape). Filters: status, kind, overdue, mine, q."
        ),
        responses={200: ComplaintSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One complaint", responses={200: ComplaintSerializer, **error_responses(404)}),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ComplaintSignatureViewSet):
    queryset = Complaint.objects.none()  # for the schema; requests use get_queryset()
    filterset_class = ComplaintFilter
    # `?search=` finds what `?q=` finds: the exact tracking or case number, or part of the complainant's name.
    search_fields = ["=tracking_number", "complainant_name", "=case_number", "=case__number"]
    ordering_fields = ["due_at", "received_at", "answered_at"]
    lookup_value_regex = r"\d+"
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self) -> QuerySet[Complaint]:
        return (
            complaint_queue(user=request_user(self.request))
            .select_related("appeal_of", "explanation__recorded_by")
            .prefetch_related("documents")
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        user = self.request.user if self.request is not None else None
        if user is not None and getattr(user, "is_citizen", False):
            return CitizenComplaintSerializer
        return ComplaintSerializer

    def _complaint_id(self) -> int:
        pk = int(self.kwargs["pk"])
        if pk > MAX_PK:
            raise NotFound()
        return pk

    def _out(self, complaint: Complaint, code: int = status.HTTP_200_OK) -> Response:
        try:
            fresh = complaint_get_visible(user=request_user(self.request), complaint_id=complaint.pk)
        except Complaint.DoesNotExist:
            # e.g. a paper appeal entered by a district prosecutor goes to the regional office, out of sight:
            # answer with what the complainant would see.
            return Response(CitizenComplaintSerializer(complaint).data, status=code)
        return Response(self.get_serializer_class()(fresh, context=self.get_serializer_context()).data, status=code)

    def _check_version(self, complaint_id: int) -> None:
        """If-Match (integrations.concurrency): 412 when stale, after visibility (an invisible one stays 404)."""
        try:
            complaint = complaint_get_visible(user=request_user(self.request), complaint_id=complaint_id)
        except Complaint.DoesNotExist:
            raise NotFound() from None
        self.check_object_permissions(self.request, complaint)

    def _act(self, request: Request, serializer_class: type[serializers.Serializer], call: Call) -> Response:
        complaint_id = self._complaint_id()
        self._check_version(complaint_id)
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        return self._out(call(complaint_id, request_user(request), dict(data.validated_data)))

    @extend_schema(
        summary="Enter a complaint received by mail or in person (staff)",
        description=(
            "For prosecutors: the office must be in your subtree; `received_at` (default now) may be in the past. "
            "Citizens file through POST /api/v1/public/complaints/. Attachments: multipart/form-data, "
            "field `attachments` repeated."
        ),
        request={"application/json": StaffFileSerializer, "multipart/form-data": StaffFileSerializer},
        responses={201: ComplaintSerializer, **error_responses(400, 403, 413, 415)},
    )
    def create(self, request: Request) -> Response:
        user = request_user(request)
        if not user.is_prosecutor:
            raise PermissionDenied(_("Citizens file complaints through /api/v1/public/complaints/."))
        data = StaffFileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint, _key = services.complaint_file(actor=user, **data.service_kwargs())
        return self._out(complaint, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The complaint's audit events",
        responses={200: AuditEventSerializer(many=True), **error_responses(404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)  # the whole trail, unpaginated
    def history(self, request: Request, pk: str) -> Response:
        complaint = complaint_get_visible(user=request_user(request), complaint_id=self._complaint_id())
        return Response(AuditEventSerializer(complaint_history(complaint=complaint), many=True).data)

    @_action_schema(
        "Register: assign the office and the executor",
        "`submitted` → `in_review`. Any prosecutor of the complaint's office or a higher one. The term (`due_at`) "
        "counts from receipt by the kind's term; the complainant gets an e-mail.",
        RegisterSerializer,
    )
    @action(detail=True, methods=["post"])
    def register(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            RegisterSerializer,
            lambda cid, u, d: services.complaint_register(
                complaint_id=cid, actor=u, office_id=d["office"], executor_id=d["executor"], kind=d["kind"]
            ),
        )

    @_action_schema("Satisfy", "`in_review` → `satisfied`, with the answer.", AnswerSerializer)
    @action(detail=True, methods=["post"])
    def satisfy(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            AnswerSerializer,
            lambda cid, u, d: services.complaint_satisfy(
                complaint_id=cid, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
        )

    @_action_schema("Satisfy in part", "`in_review` → `partially_satisfied`, with the answer.", AnswerSerializer)
    @action(detail=True, methods=["post"], url_path="partially-satisfy")
    def partially_satisfy(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            AnswerSerializer,
            lambda cid, u, d: services.complaint_partially_satisfy(
                complaint_id=cid, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
        )

    @_action_schema(
        "Forward to the competent body",
        "`in_review` → `forwarded`. Name the body; `answer` (optional) is the letter to the complainant.",
        ForwardSerializer,
    )
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            ForwardSerializer,
            lambda cid, u, d: services.complaint_forward(
                complaint_id=cid, actor=u, body=d["body"], answer=d["answer"], signature=d.get("signature")
            ),
        )

    @_action_schema(
        "Propose a refusal",
        "`in_review` → `refusal_pending_explanation`, with the reasoned answer. Not final: a senior prosecutor must "
        "record the personal explanation (POST .../explanations/) within the explanation term.",
        AnswerSerializer,
    )
    @action(detail=True, methods=["post"], url_path="propose-refusal")
    def propose_refusal(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            AnswerSerializer,
            lambda cid, u, d: services.complaint_propose_refusal(
                complaint_id=cid, actor=u, answer=d["answer"], signature=d.get("signature")
            ),
        )

    @_action_schema(
        "Record the personal explanation (the refusal becomes final)",
        "`refusal_pending_explanation` → `refused`. Senior prosecutors of the office (or a higher one) only: date "
        "and time, form (in_person, video_call, phone), given_by (the senior prosecutor who explained, a user id; "
        "default: the caller), who else took part, summary. There is no other way to `refused`.",
        ExplanationInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def explanations(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            ExplanationInputSerializer,
            lambda cid, u, d: services.complaint_record_explanation(
                complaint_id=cid, actor=u, given_by_id=d.pop("given_by", None), **d
            ),
        )

    @_action_schema(
        "Extend the term (once)",
        "Senior prosecutors only, with a reason, once, to at most the kind's limit counted from receipt (general "
        "appeals: 2 months). The complainant is told by e-mail.",
        ExtendSerializer,
    )
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk: str) -> Response:
        return self._act(
            request,
            ExtendSerializer,
            lambda cid, u, d: services.complaint_extend(
                complaint_id=cid, actor=u, until=d["until"], reason=d["reason"]
            ),
        )

    @extend_schema(
        summary="Appeal to the higher office",
        description=(
            "On a `refused` or `partially_satisfied` complaint, once: opens a new complaint (`appeal_of`) to the "
            "higher office. By the complainant's account, or by staff entering a paper appeal. Returns the new one."
        ),
        request=AppealSerializer,
        responses={201: ComplaintSerializer, **error_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def appeal(self, request: Request, pk: str) -> Response:
        complaint_id = self._complaint_id()
        self._check_version(complaint_id)
        data = AppealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        appeal = services.complaint_appeal(
            complaint_id=complaint_id, actor=user, text=data.validated_data["text"], channel="api"
        )
        return self._out(appeal, status.HTTP_201_CREATED)
