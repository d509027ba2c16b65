"""The detention clock and rehabilitations of a case in the API:

    GET/POST /api/v1/cases/{case_id}/detentions/
    POST     /api/v1/cases/{case_id}/detentions/{id}/release/
    GET      /api/v1/cases/{case_id}/rehabilitations/
    POST     /api/v1/cases/{case_id}/rehabilitations/{id}/handover/

The case comes from ``case_get_visible``: a case the caller may not see answers 404 on every URL here.
Writes go through ``ecase.services.detentions`` and ``ecase.services.rehabilitation``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from ecase.api.schema import error_responses
from ecase.api.serializers import DocumentSerializer, UserRefSerializer
from ecase.api.utils import request_user
from ecase.models import Case, Detention, Person, Rehabilitation
from ecase.selectors import case_get_visible, detention_list, rehabilitation_list
from ecase.services.detentions import detention_record, detention_release
from ecase.services.rehabilitation import rehabilitation_handover
from ecase.validators import validate_iin

CASE_ID = OpenApiParameter("case_id", int, OpenApiParameter.PATH, description="Id of the case")


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name", "iin"]
        read_only_fields = fields


class DetentionSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    recorded_by = UserRefSerializer(read_only=True)
    stopped_by = UserRefSerializer(read_only=True, allow_null=True)
    protocol_document = serializers.IntegerField(source="protocol_document_id", read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    seconds_left = serializers.SerializerMethodField(
        help_text="While the clock runs: seconds to its end (negative once overdue); null once stopped."
    )

    class Meta:
        model = Detention
        fields = [
            "id",
            "person",
            "detained_at",
            "exceptional",
            "exceptional_basis",
            "ends_at",
            "seconds_left",
            "status",
            "status_display",
            "protocol_reference",
            "protocol_document",
            "recorded_at",
            "recorded_by",
            "stopped_at",
            "stopped_by",
            "stop_note",
        ]
        read_only_fields = fields

    def get_seconds_left(self, obj: Detention) -> int | None:
        if not obj.is_running:
            return None
        return int((obj.ends_at - timezone.now()).total_seconds())


class DetentionCreateSerializer(serializers.Serializer):
    detained_at = serializers.DateTimeField(help_text="The actual moment of detention (ISO 8601 with offset).")
    participant = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None, help_text="Id of a participant of the case."
    )
    full_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default="", help_text="When not yet a participant."
    )
    iin = serializers.CharField(max_length=12, required=False, allow_blank=True, default="", validators=[validate_iin])
    protocol_reference = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    protocol_document = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None, help_text="Id of the protocol in the case."
    )
    exceptional = serializers.BooleanField(required=False, default=False, help_text="72 hours instead of 48.")
    exceptional_basis = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class StopSerializer(serializers.Serializer):
    at = serializers.DateTimeField(required=False, allow_null=True, default=None, help_text="Default: now.")
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RehabilitationSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    notice_document = DocumentSerializer(read_only=True)
    handed_over_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Rehabilitation
        fields = [
            "id",
            "person",
            "decision_reference",
            "ground_code",
            "ground_title",
            "rehabilitated_at",
            "notice_document",
            "handover_due_at",
            "handed_over_at",
            "handed_over_by",
        ]
        read_only_fields = fields


class _CaseNested(viewsets.GenericViewSet):
    filter_backends: list[Any] = []
    pagination_class = None

    def case(self) -> Case:
        try:
            return case_get_visible(user=request_user(self.request), case_id=int(self.kwargs["case_id"]))
        except (Case.DoesNotExist, ValueError) as exc:
            raise NotFound() from exc

    def _stop_input(self, request: Request) -> tuple[datetime | None, str]:
        serializer = StopSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["at"], serializer.validated_data["note"]


@extend_schema_view(
    list=extend_schema(
        summary="Detentions in a case",
        description="Each detention with its clock: 48 hours from the actual moment (72 on the exceptional "
        "ground) to release or a court sanction; the end never moves.",
        parameters=[CASE_ID],
        responses={200: DetentionSerializer(many=True), **error_responses(404)},
    ),
    create=extend_schema(
        summary="Record a detention",
        description="Investigators of the case's body. Give `participant`, or `full_name` (and `iin`) of a "
        "person not yet in the case; a protocol reference or document; `exceptional_basis` with "
        "`exceptional`.",
        parameters=[CASE_ID],
        request=DetentionCreateSerializer,
        responses={201: DetentionSerializer, **error_responses(400, 403, 404)},
    ),
)
class DetentionViewSet(mixins.ListModelMixin, _CaseNested):
    serializer_class = DetentionSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Detention.objects.none()
        return detention_list(case=self.case())

    def create(self, request: Request, case_id: str | None = None) -> Response:
        case = self.case()
        serializer = DetentionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        detention = detention_record(
            case_id=case.pk,
            actor=request_user(request),
            detained_at=data["detained_at"],
            participant_id=data["participant"],
            full_name=data["full_name"],
            iin=data["iin"],
            protocol_reference=data["protocol_reference"],
            protocol_document_id=data["protocol_document"],
            exceptional=data["exceptional"],
            exceptional_basis=data["exceptional_basis"],
        )
        return Response(DetentionSerializer(detention).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record the release of a detained person",
        description="Stops the clock. A detention no longer running answers 409.",
        parameters=[CASE_ID],
        request=StopSerializer,
        responses={200: DetentionSerializer, **error_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], serializer_class=StopSerializer)
    def release(self, request: Request, case_id: str | None = None, pk: str | None = None) -> Response:
        detention = get_object_or_404(detention_list(case=self.case()), pk=pk)
        at, note = self._stop_input(request)
        detention = detention_release(detention_id=detention.pk, actor=request_user(request), released_at=at, note=note)
        return Response(DetentionSerializer(detention).data)


@extend_schema_view(
    list=extend_schema(
        summary="Rehabilitated persons of a case",
        description="Persons rehabilitated by a termination on a rehabilitating ground (CPC Art. 38), with the "
        "notice of the right to compensation and its hand-over deadline.",
        parameters=[CASE_ID],
        responses={200: RehabilitationSerializer(many=True), **error_responses(404)},
    ),
)
class RehabilitationViewSet(mixins.ListModelMixin, _CaseNested):
    serializer_class = RehabilitationSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Rehabilitation.objects.none()
        return rehabilitation_list(case=self.case())

    @extend_schema(
        summary="Record the hand-over of the notice of the right to compensation",
        parameters=[CASE_ID],
        request=StopSerializer,
        responses={200: RehabilitationSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["post"], serializer_class=StopSerializer)
    def handover(self, request: Request, case_id: str | None = None, pk: str | None = None) -> Response:
        record = get_object_or_404(rehabilitation_list(case=self.case()), pk=pk)
        at, _note = self._stop_input(request)
        record = rehabilitation_handover(rehabilitation_id=record.pk, actor=request_user(request), handed_over_at=at)
        return Response(RehabilitationSerializer(record).data)
