"""The register API: organisations (read-only) and cases with their participants, documents, investigative
actions and history.

Every case query starts from ``case_list_visible_to``: a case the caller may not see answers 404 on every
URL under it. Writes go through ``ecase.services.cases``; a case's status is never writable (no update, no
partial update: PUT/PATCH/DELETE answer 405).

Nested routes (``@action``s on CaseViewSet):
    GET/POST /api/v1/cases/{id}/participants/
    GET/POST /api/v1/cases/{id}/documents/                       (POST is multipart/form-data)
    GET      /api/v1/cases/{id}/documents/{doc_id}/download/
    GET/POST /api/v1/cases/{id}/actions/
    GET      /api/v1/cases/{id}/history/
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ecase import permissions
from ecase.api.renderers import FileRenderer
from ecase.api.schema import error_responses
from ecase.api.serializers import (
    ActionCreateSerializer,
    ActionSerializer,
    AuditEventSerializer,
    CaseCreateSerializer,
    CaseSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    OrganisationSerializer,
    ParticipantCreateSerializer,
    ParticipantSerializer,
)
from ecase.api.utils import request_user
from ecase.documents_http import document_response
from ecase.exceptions import Conflict
from ecase.filters import CaseFilter
from ecase.models import Case, Organisation, User
from ecase.selectors import action_list, case_list_visible_to, case_timeline, document_list, participant_list
from ecase.services.cases import action_record, case_document_upload, case_register, participant_add
from ecase.services.documents import DOCUMENT_CONTENT_TYPES


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description="The organisation tree: offices, investigation bodies and courts. Public reference data.",
        responses={200: OrganisationSerializer(many=True), **error_responses(400, 404)},
    ),
    retrieve=extend_schema(summary="One organisation", responses={200: OrganisationSerializer, **error_responses(404)}),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "parent"]
    search_fields = ["name"]
    ordering_fields = ["path", "name", "code"]
    ordering = ["path"]

    def get_queryset(self) -> QuerySet[Organisation]:
        # The directory of offices, bodies and courts is not case data: every signed-in user (a citizen
        # choosing where to complain, an integration client mapping codes) may read all of it.
        return Organisation.objects.order_by("path")


@extend_schema_view(
    list=extend_schema(
        summary="List visible cases",
        description=(
            "Cases the caller may see (own body for an investigator, own office and sub-offices for a prosecutor). "
            "Filters, `search` on the register number, `ordering` by registered_at, number, term_expires_at."
        ),
        responses={200: CaseSerializer(many=True), **error_responses(400, 404)},
    ),
    retrieve=extend_schema(summary="One case", responses={200: CaseSerializer, **error_responses(404)}),
    create=extend_schema(
        summary="Register a case",
        description=(
            "Investigators only (403 for anyone else). The number, investigation body, supervising office, "
            "investigation term and status are derived; the status moves only through approved decisions."
        ),
        request=CaseCreateSerializer,
        responses={201: CaseSerializer, **error_responses(400, 403, 413, 415)},
    ),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    search_fields = ["number"]
    ordering_fields = ["registered_at", "number", "term_expires_at"]
    ordering = ["-registered_at", "-id"]

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return Case.objects.none()
        return case_list_visible_to(user=request_user(self.request))

    def get_serializer_class(self) -> type[BaseSerializer]:
        # The input serializer for writes (it also gives the browsable API its form).
        if self.action == "create":
            return CaseCreateSerializer
        return super().get_serializer_class()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        # Rights before input: a caller who may not register learns nothing from validation errors.
        if not permissions.can_register_case(user):
            raise PermissionDenied(_("Only an investigator of an investigation body may register a case."))
        serializer = CaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = case_register(actor=user, **serializer.validated_data)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data, status=201)

    # --- nested resources ---------------------------------------------------------------------------------

    def _case_for_write(self) -> Case:
        """The case, if the caller may add materials: 404 if invisible, 403 if visible but not the caller's
        body's (e.g. a supervising prosecutor), 409 if it is the caller's but closed."""
        case: Case = self.get_object()
        user = request_user(self.request)
        if not permissions.can_edit_case_materials(user, case):
            if user.is_investigator and user.organisation_id == case.investigation_body_id:
                raise Conflict(
                    _("The case is %(state)s; materials can no longer be added.") % {"state": case.get_status_display()}
                )
            raise PermissionDenied(_("Only an investigator of the case's investigation body may add materials."))
        return case

    def _list(self, queryset: QuerySet[Any], serializer_class: type[BaseSerializer]) -> Response:
        page = self.paginate_queryset(queryset)
        serializer = serializer_class(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def _create(
        self,
        input_class: type[BaseSerializer],
        output_class: type[BaseSerializer],
        write: Callable[[Case, User, dict[str, Any]], Model],
    ) -> Response:
        case = self._case_for_write()
        serializer = input_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        obj = write(case, request_user(self.request), dict(serializer.validated_data))
        return Response(output_class(obj, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="Participants of a case",
        responses={200: ParticipantSerializer(many=True), **error_responses(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a participant",
        description=(
            "Investigators of the case's body, while the case is open. A person is found by IIN or created. "
            "A suspect is recognised only by an approved decision: role `suspect` answers 400."
        ),
        request=ParticipantCreateSerializer,
        responses={201: ParticipantSerializer, **error_responses(400, 403, 404, 409, 413, 415)},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], serializer_class=ParticipantCreateSerializer)
    def participants(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "GET":
            return self._list(participant_list(case=self.get_object()), ParticipantSerializer)
        return self._create(
            ParticipantCreateSerializer,
            ParticipantSerializer,
            lambda case, user, data: participant_add(case_id=case.pk, actor=user, **data),
        )

    @extend_schema(
        methods=["GET"],
        summary="Documents of a case",
        responses={200: DocumentSerializer(many=True), **error_responses(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Upload a document",
        description=(
            "multipart/form-data with `file` (and an optional `title`). The type is checked by content; the "
            "SHA-256 and size are recorded. Too large: 413 (nothing is stored)."
        ),
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer, **error_responses(400, 403, 404, 409, 413, 415)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        serializer_class=DocumentUploadSerializer,
        parser_classes=[parsers.MultiPartParser, parsers.FormParser],
    )
    def documents(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "GET":
            return self._list(document_list(case=self.get_object()), DocumentSerializer)
        return self._create(
            DocumentUploadSerializer,
            DocumentSerializer,
            lambda case, user, data: case_document_upload(
                case_id=case.pk, actor=user, upload=data["file"], title=data["title"]
            ),
        )

    @extend_schema(
        summary="Download a document",
        description="Streams the stored file as an attachment. 404 if the case or the document is not visible.",
        parameters=[OpenApiParameter("doc_id", int, OpenApiParameter.PATH, description="Document id")],
        responses={
            **{
                (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file, as it was stored.")
                for content_type in DOCUMENT_CONTENT_TYPES
            },
            **error_responses(404),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"documents/(?P<doc_id>[^/.]+)/download",
        url_name="document-download",
        filter_backends=[],
        pagination_class=None,
        renderer_classes=[renderers.JSONRenderer, FileRenderer],
    )
    def download(self, request: Request, pk: str | None = None, doc_id: str | None = None) -> FileResponse:
        document = get_object_or_404(document_list(case=self.get_object()), pk=doc_id)
        try:
            return document_response(document)
        except Http404 as exc:  # the handler would answer a bare 404; say which part is missing
            raise NotFound(_("The file of this document is missing from the storage.")) from exc

    @extend_schema(
        methods=["GET"],
        summary="Investigative actions of a case",
        responses={200: ActionSerializer(many=True), **error_responses(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Record an investigative action",
        description=(
            "A rights-restricting kind (search, seizure, arrest of property, covert action, detention) without a "
            "`basis_reference` is recorded with review `awaiting_review`: the prosecutor must review it."
        ),
        request=ActionCreateSerializer,
        responses={201: ActionSerializer, **error_responses(400, 403, 404, 409, 413, 415)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="actions",
        url_name="actions",
        filter_backends=[],
        serializer_class=ActionCreateSerializer,
    )
    def investigative_actions(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "GET":
            return self._list(action_list(case=self.get_object()), ActionSerializer)
        return self._create(
            ActionCreateSerializer,
            ActionSerializer,
            lambda case, user, data: action_record(case_id=case.pk, actor=user, **data),
        )

    @extend_schema(
        summary="History of a case",
        description="The audit events that concern the case, oldest first (hash-chained; see `hash`).",
        responses={200: AuditEventSerializer(many=True), **error_responses(404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], serializer_class=AuditEventSerializer)
    def history(self, request: Request, pk: str | None = None) -> Response:
        return self._list(case_timeline(case=self.get_object()), AuditEventSerializer)
