"""The integration API: the change feed and webhook subscriptions (a service account's own)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.audit.linker import audit_link
from integrations.api import serializers as s
from integrations.events import event_payload
from integrations.models import WebhookSubscription
from integrations.permissions import service_account_of
from integrations.selectors import cursor_decode, cursor_encode, delivery_list, event_page, webhook_list_for
from integrations.services import webhooks


class EventFeedView(APIView):
    @extend_schema(
        summary="The change feed",
        description=(
            "Every change the caller may see, in order, after the opaque cursor `after` (from `next`). "
            "Pages never overlap and never skip an event; an empty page keeps the same `next`. "
            "`types` narrows to event types (comma-separated, e.g. `decision.approved`)."
        ),
        parameters=[
            OpenApiParameter("after", str, description="The `next` of the previous page; empty: the start."),
            OpenApiParameter("types", str, description="Comma-separated event types."),
            OpenApiParameter("limit", int, description="Page size, 1 to 500 (default 100)."),
        ],
        responses={200: s.EventPageSerializer, **error_responses(400, 403)},
    )
    def get(self, request: Request) -> Response:
        query = s.FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            after = cursor_decode(query.validated_data["after"])
        except ValueError as exc:
            raise exceptions.ValidationError({"after": [str(exc)]}) from exc
        types = [t for t in query.validated_data["types"].split(",") if t]
        limit = query.validated_data["limit"]
        audit_link(wait=False)  # serve what committed a moment ago without waiting for the beat
        events = event_page(user=request_user(request), after=after, limit=limit + 1, types=types)
        more = len(events) > limit
        events = events[:limit]
        last = events[-1].position if events else after
        body = {"events": [event_payload(e) for e in events], "next": cursor_encode(last or 0), "has_more": more}
        return Response(body)


class WebhookViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.WebhookSerializer
    ordering_fields: list[str] = []
    filter_backends: list[type] = []

    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model from it
            return WebhookSubscription.objects.none()
        return webhook_list_for(user=request_user(self.request)).filter(is_active=True)

    @extend_schema(
        summary="Subscribe a webhook",
        request=s.WebhookInputSerializer,
        responses={201: s.WebhookCreatedSerializer, **error_responses(400, 403)},
    )
    def create(self, request: Request) -> Response:
        account = service_account_of(request_user(request))
        if account is None:
            raise exceptions.PermissionDenied()
        data = s.WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = webhooks.webhook_create(account=account, actor=request_user(request), **data.validated_data)
        return Response(s.WebhookCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Unsubscribe", responses={204: None, **error_responses(404)})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        subscription = self.get_object()
        webhooks.webhook_deactivate(subscription_id=subscription.pk, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Delivery log", responses={200: s.DeliverySerializer(many=True), **error_responses(404)})
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        page = self.paginate_queryset(delivery_list(subscription=self.get_object()))
        return self.get_paginated_response(s.DeliverySerializer(page, many=True).data)

    @extend_schema(
        summary="Redeliver one delivery",
        request=None,
        responses={202: s.DeliverySerializer, **error_responses(404)},
    )
    @action(detail=True, methods=["post"], url_path=r"deliveries/(?P<delivery_id>\d+)/redeliver")
    def redeliver(self, request: Request, pk: str | None = None, delivery_id: str | None = None) -> Response:
        delivery = delivery_list(subscription=self.get_object()).get(pk=int(delivery_id or 0))
        delivery = webhooks.webhook_redeliver(delivery_id=delivery.pk, actor=request_user(request))
        return Response(s.DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary="Send a signed test ping now", request=None, responses={200: s.PingResultSerializer})
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        code, error = webhooks.webhook_ping(subscription=self.get_object())
        return Response({"status_code": code, "error": error})
