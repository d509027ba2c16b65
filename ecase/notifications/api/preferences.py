"""The caller's notification settings:

    GET /api/v1/notifications/preferences/
    PUT /api/v1/notifications/preferences/   {"language": "kk", "phone": "+77011234567",
                                              "events": [{"event": "...", "in_app": true, "email": false, "sms": true}]}

PUT changes only what it names (events not listed keep their channels; language and phone are optional);
bad input answers 400 in the API's error shape, with the field of each error, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.models import User
from ecase.notifications.preferences import Choice, preferences_of, preferences_update


class EventChoiceSerializer(serializers.Serializer):
    event = serializers.CharField(help_text=_("The event's key, e.g. approvals.decision_returned."))
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text=_("What the event is, in the caller's language.")
    )
    must_act = serializers.BooleanField(read_only=True, help_text=_("Asks for action: in_app is always true."))
    channels = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text=_("The channels this event may be sent by.")
    )
    in_app = serializers.BooleanField(required=False)
    email = serializers.BooleanField(required=False)
    sms = serializers.BooleanField(required=False)


class PreferencesSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=[("", "")] + [(code, code) for code, _name in settings.LANGUAGES],
        required=False,
        allow_blank=True,
        help_text=_("Language of e-mail and SMS notices; empty: the site's default."),
    )
    phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, help_text=_("For SMS: +7 and 10 digits.")
    )
    events = EventChoiceSerializer(many=True, required=False)


def _output(user: User, choices: list[Choice]) -> dict[str, Any]:
    return {
        "language": user.language,
        "phone": user.phone,
        "events": [
            {
                "event": c.event.key,
                "label": str(c.event.label),
                "must_act": c.event.must_act,
                "channels": list(c.event.channels),
                "in_app": c.in_app,
                "email": c.email,
                "sms": c.sms,
            }
            for c in choices
        ],
    }


class NotificationPreferencesView(APIView):
    @extend_schema(
        summary="My notification settings",
        description="Every event the caller may receive, with the channels chosen (or the defaults).",
        responses={200: PreferencesSerializer},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        return Response(_output(user, preferences_of(user=user)))

    @extend_schema(
        summary="Change my notification settings",
        description=(
            "Changes the events listed (the others keep their channels), and the language and phone when given. "
            "in_app cannot be switched off for an event that asks for action; a channel the event is not sent "
            "by cannot be switched on; SMS needs a phone number. All or nothing."
        ),
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **error_responses(400)},
        examples=[
            OpenApiExample(
                "SMS for returned decisions",
                value={"events": [{"event": "approvals.decision_returned", "sms": True}], "phone": "+77011234567"},
                request_only=True,
            )
        ],
    )
    def put(self, request: Request) -> Response:
        user = request_user(request)
        data = PreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        choices = preferences_update(
            user=user,
            items=[dict(item) for item in values.get("events", [])],
            language=values.get("language"),
            phone=values.get("phone"),
        )
        user.refresh_from_db(fields=["language", "phone"])
        return Response(_output(user, choices))
