from __future__ import annotations

from rest_framework import serializers

from integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription


class EventObjectSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.CharField()


class EventSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Stable event id: receivers de-duplicate by it.")
    type = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    object = EventObjectSerializer()
    case_id = serializers.IntegerField(allow_null=True)
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    actor = serializers.CharField(allow_blank=True)


class EventPageSerializer(serializers.Serializer):
    events = EventSerializer(many=True)
    next = serializers.CharField(help_text="Pass as ?after= to read on; also when the page is empty.")
    has_more = serializers.BooleanField()


class FeedQuerySerializer(serializers.Serializer):
    after = serializers.CharField(required=False, allow_blank=True, default="")
    types = serializers.CharField(required=False, allow_blank=True, default="")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=500, default=100)


class WebhookInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)
    event_types = serializers.ListField(child=serializers.CharField(max_length=64), required=False, default=list)


class WebhookSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "event_types", "is_active", "created_at"]


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(help_text="Shown once: the HMAC key of the X-ECase-Signature header.")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "created_at",
            "delivered_at",
        ]

    def get_event_id(self, obj: WebhookDelivery) -> str:
        return str(obj.event.seq)


class PingResultSerializer(serializers.Serializer):
    status_code = serializers.IntegerField(allow_null=True)
    error = serializers.CharField(allow_blank=True)
