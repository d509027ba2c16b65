"""The public complaints API, for citizens without staff rights.

    POST /api/v1/public/complaints/                               file (JSON, or multipart with attachments)
    GET  /api/v1/public/complaints/{tracking_number}/             status, with the access key
    POST /api/v1/public/complaints/{tracking_number}/appeal/      appeal, with the access key

Anonymous filings get a tracking number and a secret access key, returned once (only its hash is stored).
Send the key in the `X-Access-Key` header (or `?key=`). A wrong key and an unknown number both answer 404.
A citizen with an account (bearer token) files here too, gets no key, and reads the complaint under
/api/v1/complaints/. Filing is rate-limited per address and per IIN (scope `public`), look-ups per
address (scope `public_lookup`): 429 with Retry-After, and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers, permissions, status
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from complaints import ratelimit, services
from complaints.choices import Channel
from complaints.selectors import complaint_get_by_access_key
from ecase.api.authentication import BearerTokenAuthentication
from ecase.api.schema import error_responses

from .serializers import AppealSerializer, CitizenComplaintSerializer, FiledComplaintSerializer, PublicFileSerializer

KEY_PARAMETERS = [
    OpenApiParameter(
        "X-Access-Key",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=False,
        description="The access key given when filing anonymously.",
    ),
    OpenApiParameter(
        "key", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False, description="The access key (alternative)."
    ),
]


def _access_key(request: Request) -> str:
    return request.headers.get("X-Access-Key") or request.query_params.get("key", "")


class PublicComplaintCreateView(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ratelimit.PublicThrottle]
    throttle_scope = "public"
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    @extend_schema(
        operation_id="public_complaints_create",
        summary="File a complaint (citizens)",
        description=__doc__,
        request={"application/json": PublicFileSerializer, "multipart/form-data": PublicFileSerializer},
        responses={201: FiledComplaintSerializer, **error_responses(400, 403, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        user = request.user
        if user.is_authenticated and not user.is_citizen:  # type: ignore[union-attr]
            raise PermissionDenied(_("Staff enter complaints through POST /api/v1/complaints/."))
        data = PublicFileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs = data.service_kwargs()
        wait = ratelimit.hit("public", f"iin:{kwargs['complainant_iin']}")
        if wait:
            raise Throttled(wait)
        complaint, key = services.complaint_file(
            actor=user if user.is_authenticated else None,  # type: ignore[arg-type]
            channel=Channel.API,
            **kwargs,
        )
        body = {
            "tracking_number": complaint.tracking_number,
            "access_key": key,
            "status": complaint.status,
            "received_at": complaint.received_at,
            "status_url": reverse("complaints-public-status", args=[complaint.tracking_number])
            if key
            else reverse("complaint-detail", args=[complaint.pk]),
        }
        return Response(FiledComplaintSerializer(body).data, status=status.HTTP_201_CREATED)


class PublicComplaintStatusView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ratelimit.PublicThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(
        operation_id="public_complaints_status",
        summary="A complaint's state, answer and explanation record (with the access key)",
        parameters=KEY_PARAMETERS,
        responses={200: CitizenComplaintSerializer, **error_responses(404)},
    )
    def get(self, request: Request, tracking_number: str) -> Response:
        complaint = complaint_get_by_access_key(tracking_number=tracking_number, key=_access_key(request))
        return Response(CitizenComplaintSerializer(complaint).data)


class PublicComplaintAppealView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ratelimit.PublicThrottle]
    throttle_scope = "public"

    @extend_schema(
        operation_id="public_complaints_appeal",
        summary="Appeal a refusal or partial satisfaction to the higher office (with the access key)",
        description="Opens a new complaint linked to this one; it is tracked with the same access key.",
        parameters=KEY_PARAMETERS,
        request=AppealSerializer,
        responses={201: CitizenComplaintSerializer, **error_responses(400, 404, 409, 415)},
    )
    def post(self, request: Request, tracking_number: str) -> Response:
        data = AppealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.complaint_appeal_anonymous(
            tracking_number=tracking_number,
            access_key=_access_key(request),
            text=data.validated_data["text"],
            channel=Channel.API,
        )
        return Response(CitizenComplaintSerializer(appeal).data, status=status.HTTP_201_CREATED)
