from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..choices import FindingSeverity, FindingStatus, RuleTarget
from ..models import Finding
from ..registry import Rule, rule_get


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
        ]
        read_only_fields = fields

    def get_title(self, obj: Finding) -> str:
        rule = rule_get(obj.rule)
        return str(rule.title) if rule else obj.rule

    def get_article(self, obj: Finding) -> str:
        rule = rule_get(obj.rule)
        return rule.article if rule else ""


class AcknowledgeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class ResolveSerializer(serializers.Serializer):
    decision = serializers.IntegerField(min_value=1, help_text="The decision in force that fixed it (same case).")
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
