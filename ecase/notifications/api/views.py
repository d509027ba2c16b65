"""The notification centre API: a user's own notifications, and marking them read.

    GET  /api/v1/notifications/                 ?unread=true&level=urgent   (paginated, newest first)
    GET  /api/v1/notifications/{id}/
    GET  /api/v1/notifications/unread-count/
    POST /api/v1/notifications/{id}/read/
    POST /api/v1/notifications/read-all/        {"up_to": "<datetime>"} optional

Another user's notification answers 404. Notifications are created by the services of events and reminders;
their title and body are rendered in the caller's language. Settings: ecase/notifications/api/preferences.py.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.models import Notification, NotificationLevel
from ecase.notifications.selectors import notification_list_visible_to, notification_unread_count
from ecase.notifications.services import notification_mark_all_read, notification_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title", read_only=True, help_text=_("In the caller's language."))
    body = serializers.CharField(source="display_body", read_only=True, help_text=_("In the caller's language."))
    event = serializers.CharField(source="message_key", read_only=True, help_text=_("The event's key (may be empty)."))
    is_read = serializers.BooleanField(read_only=True)
    is_done = serializers.BooleanField(
        source="is_closed", read_only=True, help_text=_("The item it is about was decided or closed.")
    )
    stage = serializers.CharField(source="notice.stage", default="", read_only=True)
    deadline = serializers.DateTimeField(source="notice.deadline", default=None, read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "level",
            "event",
            "title",
            "body",
            "url",
            "stage",
            "deadline",
            "must_act",
            "created_at",
            "read_at",
            "closed_at",
            "is_read",
            "is_done",
        ]
        read_only_fields = fields


class MarkAllReadInputSerializer(serializers.Serializer):
    up_to = serializers.DateTimeField(
        required=False,
        help_text=_("Mark only notifications created up to this instant (those the user has seen)."),
    )


class MarkAllReadOutputSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were marked read."))


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationFilter(django_filters.FilterSet):
    # A strict choice (not a lenient boolean): "unread=maybe" answers 400 instead of being ignored.
    unread = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_unread", label=_("Unread only")
    )
    done = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_done", label=_("Done (item decided)")
    )
    level = django_filters.ChoiceFilter(choices=NotificationLevel.choices)

    class Meta:
        model = Notification
        fields = ["unread", "done", "level"]

    def filter_unread(self, queryset: QuerySet[Notification], name: str, value: str) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value == "true")

    def filter_done(self, queryset: QuerySet[Notification], name: str, value: str) -> QuerySet[Notification]:
        return queryset.filter(closed_at__isnull=value != "true")


@extend_schema_view(
    list=extend_schema(
        summary="List my notifications",
        description="The caller's own notifications, newest first.",
        responses={200: NotificationSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(
        summary="One of my notifications",
        responses={200: NotificationSerializer, **error_responses(404)},
    ),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    search_fields = ["title", "body"]
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return notification_list_visible_to(user=request_user(self.request)).select_related("notice")

    @extend_schema(
        summary="Mark a notification read",
        description="Idempotent: marking a read notification read again changes nothing.",
        request=None,
        responses={200: NotificationSerializer, **error_responses(404)},
    )
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        try:
            notification_id = int(pk or "")
        except ValueError:
            raise Notification.DoesNotExist from None
        notification = notification_mark_read(notification_id=notification_id, actor=request_user(request))
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        summary="Mark all my notifications read",
        request=MarkAllReadInputSerializer,
        responses={200: MarkAllReadOutputSerializer, **error_responses(400)},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        data = MarkAllReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = notification_mark_all_read(actor=request_user(request), up_to=data.validated_data.get("up_to"))
        return Response(MarkAllReadOutputSerializer({"marked": marked}).data)

    @extend_schema(
        summary="How many of my notifications are unread and still open",
        description="The badge: unread notices whose item is not decided or closed yet.",
        responses={200: UnreadCountSerializer},
    )
    @action(detail=False, methods=["get"], url_path="unread-count", filter_backends=[], pagination_class=None)
    def unread_count(self, request: Request) -> Response:
        return Response({"unread": notification_unread_count(user=request_user(request))})
