"""Reference lists for clients, each with stable codes: the grounds of termination and suspension, the kinds
of decisions (with the terms in force) and of complaints, and the public prosecutor's offices a citizen may
address, grouped by region. Read-only and paginated like every list; `updated_after` works as on the others
(the rows are edited in the admin); every page carries an `ETag` and answers 304 to a matching
`If-None-Match`, so a client re-reads them cheaply. The complaint kinds and the offices are public: the
anonymous filer needs the office id that POST /api/v1/public/complaints/ asks for.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware, method_decorator
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers

from approvals.kinds import KINDS
from approvals.term_models import DecisionKindTerm
from complaints.models import ComplaintKind
from ecase.api.schema import error_responses
from ecase.choices import PROSECUTOR_OFFICE_KINDS, OrganisationKind
from ecase.models import Organisation, SuspensionGround, TerminationGround

conditional_get = method_decorator(decorator_from_middleware(ConditionalGetMiddleware), name="dispatch")
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified: the `ETag` sent as If-None-Match still holds.")}


class ReferenceGroundSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code, as the decisions' `termination_ground` / `suspension_ground`.")
    article = serializers.CharField()
    title = serializers.SerializerMethodField()

    def get_title(self, obj: Any) -> str:
        return gettext(obj.title)


class ReferenceTerminationGroundSerializer(ReferenceGroundSerializer):
    is_rehabilitating = serializers.BooleanField()


class ReferenceSuspensionGroundSerializer(ReferenceGroundSerializer):
    is_active = serializers.BooleanField(help_text="Inactive grounds are kept for old decisions; not choosable.")


class ReferenceDecisionKindSerializer(serializers.Serializer):
    code = serializers.CharField(source="kind", help_text="Stable code, as a decision's `kind`.")
    title = serializers.CharField(source="get_kind_display")
    legal_basis = serializers.SerializerMethodField()
    issued_by = serializers.SerializerMethodField()
    needs_approval = serializers.SerializerMethodField()
    court_sanction = serializers.SerializerMethodField()
    term_amount = serializers.IntegerField(help_text="The prosecutor's term for the decision.")
    term_unit = serializers.CharField()
    court_term_amount = serializers.IntegerField(allow_null=True)
    court_term_unit = serializers.CharField(allow_blank=True)
    article = serializers.CharField(allow_blank=True)

    def get_legal_basis(self, obj: DecisionKindTerm) -> str:
        return KINDS[obj.kind].legal_basis

    def get_issued_by(self, obj: DecisionKindTerm) -> str:
        return str(KINDS[obj.kind].issued_by)

    def get_needs_approval(self, obj: DecisionKindTerm) -> bool:
        return KINDS[obj.kind].needs_approval

    def get_court_sanction(self, obj: DecisionKindTerm) -> bool:
        return KINDS[obj.kind].court_sanction


class ReferenceComplaintKindSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code, as a complaint's `kind`.")
    title = serializers.CharField(source="display_title")
    legal_basis = serializers.CharField()
    term_value = serializers.IntegerField(help_text="The answer term.")
    term_unit = serializers.CharField()
    is_active = serializers.BooleanField(help_text="May be filed.")


class ReferenceRegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PublicOfficeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The `office` of POST /api/v1/public/complaints/.")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in PROSECUTOR_OFFICE_KINDS])
    region = serializers.SerializerMethodField()

    @extend_schema_field(ReferenceRegionSerializer(allow_null=True))
    def get_region(self, obj: Organisation) -> dict[str, Any] | None:
        region = obj if obj.kind == OrganisationKind.REGIONAL_OFFICE else obj.parent
        if region is None or region.kind != OrganisationKind.REGIONAL_OFFICE:
            return None  # the General Prosecutor's Office: above every region
        return {"id": region.pk, "code": region.code, "name": region.name}


class _ReferenceList(generics.ListAPIView):
    ordering_fields: list[str] = []
    search_fields: list[str] = []


def _doc(summary: str, description: str, serializer: type[serializers.Serializer], *errors: int) -> Any:
    return extend_schema(
        summary=summary,
        description=description + " Each page has an `ETag`; `If-None-Match` with it answers 304.",
        responses={200: serializer(many=True), **NOT_MODIFIED, **error_responses(400, *errors)},
    )


@conditional_get
@_doc(
    "Grounds of termination",
    "The grounds a termination rests on (CPC articles 35 and 36), by stable code; rehabilitating ones marked.",
    ReferenceTerminationGroundSerializer,
    401,
)
class TerminationGroundListView(_ReferenceList):
    serializer_class = ReferenceTerminationGroundSerializer

    def get_queryset(self) -> QuerySet[TerminationGround]:
        return TerminationGround.objects.order_by("code")


@conditional_get
@_doc(
    "Grounds of suspension",
    "The grounds a suspension rests on (CPC article 45 p.7, article 50), by stable code; inactive ones are kept "
    "for old decisions.",
    ReferenceSuspensionGroundSerializer,
    401,
)
class SuspensionGroundListView(_ReferenceList):
    serializer_class = ReferenceSuspensionGroundSerializer

    def get_queryset(self) -> QuerySet[SuspensionGround]:
        return SuspensionGround.objects.order_by("code")


@conditional_get
@_doc(
    "Kinds of decisions",
    "Every kind of procedural decision by stable code, with its legal basis, who issues it, whether a "
    "prosecutor approves and a court sanctions it, and the terms in force (editable by the administrator).",
    ReferenceDecisionKindSerializer,
    401,
)
class DecisionKindListView(_ReferenceList):
    serializer_class = ReferenceDecisionKindSerializer

    def get_queryset(self) -> QuerySet[DecisionKindTerm]:
        return DecisionKindTerm.objects.filter(kind__in=list(KINDS)).order_by("kind")


@conditional_get
@_doc(
    "Kinds of complaints (public)",
    "What a complaint may be about, by stable code (the `kind` of a filing), with its answer term.",
    ReferenceComplaintKindSerializer,
)
class ComplaintKindListView(_ReferenceList):
    serializer_class = ReferenceComplaintKindSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[ComplaintKind]:
        return ComplaintKind.objects.order_by("order", "code")


@conditional_get
@_doc(
    "Prosecutor's offices a citizen may address (public)",
    "Every prosecutor's office, grouped by region (each region's office, then its districts; the General "
    "Prosecutor's Office first, with no region). `id` is the `office` of a public complaint.",
    PublicOfficeSerializer,
)
class PublicOfficeListView(_ReferenceList):
    serializer_class = PublicOfficeSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Organisation]:
        # The materialised path sorts a region's office right before its districts.
        offices = Organisation.objects.filter(kind__in=PROSECUTOR_OFFICE_KINDS).select_related("parent")
        return offices.order_by("path")
