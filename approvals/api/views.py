"""The decisions API: list / create / read / edit a draft, one POST endpoint per transition, the
signature check, the history, and the kinds table.

A decision the caller may not see answers 404 on every URL under it; a caller who sees it but may not
act answers 403 (checked before the input); a transition not possible from the current state, or lost to
a concurrent one, answers 409. The status is never writable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, parsers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.serializers import AuditEventSerializer, DocumentUploadSerializer
from ecase.api.utils import request_user
from ecase.models import User
from ecase.selectors import case_list_visible_to

from .. import permissions, services
from ..content import DecisionContent, content_of
from ..filters import DecisionFilter
from ..models import ProceduralDecision
from ..selectors import decision_get_visible, decision_history, decision_list_visible_to
from .serializers import (
    ApproveSerializer,
    AttachedDocumentSerializer,
    CourtOutcomeSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    DecisionUpdateSerializer,
    EmptySerializer,
    KindSerializer,
    RejectSerializer,
    ReturnSerializer,
    SubmitSerializer,
    SuspectNotifiedSerializer,
    WithdrawSerializer,
    kinds_table_data,
)
from .signature_views import DecisionSignatureViewSet

Run = Callable[[int, User, dict[str, Any]], ProceduralDecision]


def _transition_schema(summary: str, description: str, request: type[BaseSerializer]) -> Callable[[Any], Any]:
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: DecisionSerializer, **error_responses(400, 403, 404, 409, 415)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List visible decisions",
        description=(
            "Decisions of the cases the caller may see. Filters: status, kind, case (id), case_number, office "
            "(supervising office with its sub-offices), body, overdue. `ordering`: due_at (the inbox order), "
            "submitted_at, created_at, decided_at, court_due_at."
        ),
        responses={200: DecisionSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One decision", responses={200: DecisionSerializer, **error_responses(404)}),
    create=extend_schema(
        summary="Draft a decision",
        description=(
            "Investigators of the case's body draft the kinds investigators issue; the supervising office's "
            "prosecutors draft a termination_cancellation. Kind-specific fields are listed in "
            "GET /api/v1/decision-kinds/; a missing required field or a field that does not apply answers 400."
        ),
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **error_responses(400, 403, 415)},
    ),
    partial_update=extend_schema(
        summary="Edit a draft",
        description="The author only, while the decision is a draft (409 otherwise). No status field exists here.",
        request=DecisionUpdateSerializer,
        responses={200: DecisionSerializer, **error_responses(400, 403, 404, 409, 415)},
    ),
)
class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    DecisionSignatureViewSet,
):
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    search_fields = ["case__number"]
    ordering_fields = ["due_at", "submitted_at", "created_at", "decided_at", "court_due_at"]
    ordering = ["-created_at", "-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ProceduralDecision]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return ProceduralDecision.objects.none()
        return decision_list_visible_to(user=request_user(self.request))

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "create":
            return DecisionCreateSerializer
        if self.action == "partial_update":
            return DecisionUpdateSerializer
        return super().get_serializer_class()

    def _output(self, decision_id: int, code: int = status.HTTP_200_OK) -> Response:
        decision = decision_get_visible(user=request_user(self.request), decision_id=decision_id)
        return Response(DecisionSerializer(decision, context=self.get_serializer_context()).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        if not permissions.can_draft_any(user):
            raise PermissionDenied(_("Only investigators and prosecutors draft decisions."))
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case_id = data.pop("case")
        kind = data.pop("kind")
        if not case_list_visible_to(user=user).filter(pk=case_id).exists():
            raise ValidationError({"case": _("No such case.")})
        decision = services.decision_create(
            actor=user, case_id=case_id, kind=kind, content=DecisionContent.from_data(data)
        )
        return self._output(decision.pk, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        decision = self.get_object()
        user = request_user(request)
        if not permissions.can_author_act(user, decision):
            raise PermissionDenied(_("Only the author may edit the decision."))
        serializer = DecisionUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        content = DecisionContent(**{**asdict(content_of(decision)), **serializer.validated_data})
        services.decision_update(decision_id=decision.pk, actor=user, content=content)
        return self._output(decision.pk)

    # --- transitions: one POST each ------------------------------------------------------------------------

    def _transition(self, input_class: type[BaseSerializer], action: str, message: str, run: Run) -> Response:
        try:
            decision = decision_get_visible(user=request_user(self.request), decision_id=int(self.kwargs["pk"]))
        except (ProceduralDecision.DoesNotExist, ValueError):
            raise NotFound from None
        self.check_object_permissions(self.request, decision)  # If-Match (integrations.concurrency): 412 if stale
        user = request_user(self.request)
        # Rights before input: who may not act learns nothing from validation errors.
        if not permissions.may(user, decision, action):
            raise PermissionDenied(message)
        serializer = input_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        run(decision.pk, user, dict(serializer.validated_data))
        return self._output(decision.pk)

    @_transition_schema(
        "Submit to the prosecutor",
        "The author. draft -> pending; the prosecutor's term starts (again) now: due_at = now + the kind's term.",
        SubmitSerializer,
    )
    @action(detail=True, methods=["post"], serializer_class=SubmitSerializer)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            SubmitSerializer,
            "submit",
            _("Only the author may submit the decision."),
            lambda d, u, data: services.decision_submit(decision_id=d, actor=u, **data),
        )

    @_transition_schema(
        "Issue a prosecutor's decision",
        "Kinds the prosecutor issues without approval (termination_cancellation): the author, a prosecutor of "
        "the supervising office. draft -> approved; the effect applies and the decision is signed.",
        EmptySerializer,
    )
    @action(detail=True, methods=["post"], serializer_class=EmptySerializer)
    def issue(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            EmptySerializer,
            "issue",
            _("Only its author, a supervising prosecutor, may issue it."),
            lambda d, u, data: services.decision_issue(decision_id=d, actor=u),
        )

    @_transition_schema(
        "Approve",
        "A prosecutor of the supervising office, not the author. pending -> approved: the effect on the case "
        "applies in the same transaction (409 and nothing changes if the case has moved), and the decision is "
        "signed. A kind that needs a court sanction goes on to court_pending.",
        ApproveSerializer,
    )
    @action(detail=True, methods=["post"], serializer_class=ApproveSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            ApproveSerializer,
            "approve",
            _("Only a prosecutor of the supervising office may decide."),
            lambda d, u, data: services.decision_approve(decision_id=d, actor=u, **data),
        )

    @_transition_schema("Reject", "As approve; a reason is required. pending -> rejected.", RejectSerializer)
    @action(detail=True, methods=["post"], serializer_class=RejectSerializer)
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            RejectSerializer,
            "reject",
            _("Only a prosecutor of the supervising office may decide."),
            lambda d, u, data: services.decision_reject(decision_id=d, actor=u, **data),
        )

    @_transition_schema(
        "Return for revision", "As approve; remarks are required. pending -> returned.", ReturnSerializer
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return", serializer_class=ReturnSerializer)
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            ReturnSerializer,
            "return",
            _("Only a prosecutor of the supervising office may decide."),
            lambda d, u, data: services.decision_return(decision_id=d, actor=u, **data),
        )

    @_transition_schema("Revise", "The author. returned -> draft (then edit and submit again).", EmptySerializer)
    @action(detail=True, methods=["post"], serializer_class=EmptySerializer)
    def revise(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            EmptySerializer,
            "revise",
            _("Only the author may revise the decision."),
            lambda d, u, data: services.decision_revise(decision_id=d, actor=u),
        )

    @_transition_schema("Withdraw", "The author. draft | returned -> withdrawn.", WithdrawSerializer)
    @action(detail=True, methods=["post"], serializer_class=WithdrawSerializer)
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            WithdrawSerializer,
            "withdraw",
            _("Only the author may withdraw the decision."),
            lambda d, u, data: services.decision_withdraw(decision_id=d, actor=u, **data),
        )

    @_transition_schema(
        "Record the court's ruling",
        "A judge of a court whose region covers the case (or the court's integration client). court_pending -> "
        "sanctioned (the measure is recorded) | denied (reasons required).",
        CourtOutcomeSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="court-outcome",
        url_name="court-outcome",
        serializer_class=CourtOutcomeSerializer,
    )
    def court_outcome(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            CourtOutcomeSerializer,
            "court-outcome",
            _("Only a judge of the competent court may record the ruling."),
            lambda d, u, data: services.decision_record_court_outcome(decision_id=d, actor=u, **data),
        )

    @_transition_schema(
        "Record that the suspect was told",
        "The author of an approved suspect recognition (CPC 206 p.1: within 24 hours of the decision).",
        SuspectNotifiedSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="suspect-notified",
        url_name="suspect-notified",
        serializer_class=SuspectNotifiedSerializer,
    )
    def suspect_notified(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(
            SuspectNotifiedSerializer,
            "suspect-notified",
            _("Only the author records this."),
            lambda d, u, data: services.decision_record_suspect_notified(decision_id=d, actor=u, **data),
        )

    # --- documents, signature, history ---------------------------------------------------------------------

    @extend_schema(
        summary="Attach a document to a draft",
        description="multipart/form-data with `file` (and an optional `title`). The author, on a draft only.",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: AttachedDocumentSerializer, **error_responses(400, 403, 404, 409, 413, 415)},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[parsers.MultiPartParser, parsers.FormParser],
        serializer_class=DocumentUploadSerializer,
    )
    def documents(self, request: Request, pk: str | None = None) -> Response:
        decision = self.get_object()
        user = request_user(request)
        if not permissions.can_author_act(user, decision):
            raise PermissionDenied(_("Only the author may attach documents."))
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.decision_attach_document(
            decision_id=decision.pk,
            actor=user,
            upload=serializer.validated_data["file"],
            title=serializer.validated_data["title"],
        )
        return Response(AttachedDocumentSerializer(attachment.document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="History of a decision",
        description="Its audit events, oldest first: who, when, from which state to which, and why.",
        responses={200: AuditEventSerializer(many=True), **error_responses(404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request: Request, pk: str | None = None) -> Response:
        decision = self.get_object()
        page = self.paginate_queryset(decision_history(decision=decision))
        return self.get_paginated_response(AuditEventSerializer(page, many=True).data)


class DecisionKindsView(APIView):
    @extend_schema(
        summary="The kinds of decisions",
        description="The table of kinds (legal.md): basis, who issues, the terms in force, the fields, the effect.",
        responses={200: KindSerializer(many=True), **error_responses()},
    )
    def get(self, request: Request) -> Response:
        return Response(KindSerializer(kinds_table_data(), many=True).data)
