from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..choices import FindingOrigin, FindingSeverity, FindingStatus, RuleTarget
from ..display import finding_article, finding_title
from ..models import Finding
from ..registry import Rule


class LegalityRuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    article = serializers.CharField()
    severity = serializers.ChoiceField(choices=FindingSeverity.choices)
    checks = serializers.CharField()
    applies_to = serializers.ListField(child=serializers.ChoiceField(choices=RuleTarget.choices))
    blocks_approval = serializers.BooleanField()

    def to_representation(self, instance: Rule) -> dict[str, Any]:
        return {
            "code": instance.code,
            "title": str(instance.title),
            "article": instance.article,
            "severity": str(instance.severity),
            "checks": str(instance.checks),
            "applies_to": [str(t) for t in instance.applies_to],
            "blocks_approval": instance.blocks_approval,
        }


class FindingSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    title = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=FindingStatus.choices, read_only=True)
    origin = serializers.ChoiceField(choices=FindingOrigin.choices, read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "rule",
            "title",
            "article",
            "severity",
            "blocks_approval",
            "case",
            "case_number",
            "decision",
            "object_key",
            "facts",
            "first_seen",
            "last_seen",
            "status",
            "closed_at",
            "closed_by",
            "reason",
            "acted_decision",
            "origin",
            "text",
            "created_by",
        ]
        read_only_fields = fields

    def get_title(self, obj: Finding) -> str:
        return finding_title(obj)

    def get_article(self, obj: Finding) -> str:
        return finding_article(obj)


class AcknowledgeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class ResolveSerializer(serializers.Serializer):
    decision = serializers.IntegerField(min_value=1, help_text="The decision in force that fixed it (same case).")
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class RecordSerializer(serializers.Serializer):
    """A finding recorded by hand by a prosecutor."""

    case = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="A case you supervise.")
    decision = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None, help_text="Of that case."
    )
    severity = serializers.ChoiceField(choices=FindingSeverity.choices)
    article = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=5000, help_text="What was found.")
