"""Input and output of GET /api/v1/stats/. The output is built from the same report as the page and CSV."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stats.choices import ScopeChoice
from stats.indicators import Unit
from stats.period import MAX_ID, period_from_dates
from stats.selectors import IndicatorResult, Report


class StatsQuerySerializer(serializers.Serializer):
    """Query parameters (the same as the page's filters)."""

    office = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Prosecutor's office id; default: your own office. Outside your subtree: 404.",
    )
    scope = serializers.ChoiceField(
        choices=ScopeChoice.choices, required=False, default=ScopeChoice.SUBTREE, help_text="Sub-offices or not."
    )
    date_from = serializers.DateField(required=False, help_text="First day (Asia/Almaty); default: date_to - 364 days.")
    date_to = serializers.DateField(required=False, help_text="Last day, included (Asia/Almaty); default: today.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            attrs["period"] = period_from_dates(attrs.get("date_from"), attrs.get("date_to"))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """An int, a float or null, as computed (a count stays an integer)."""

    def to_representation(self, value: Any) -> Any:
        return value


class MetricSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    unit = serializers.ChoiceField(choices=Unit.choices)


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    is_total = serializers.BooleanField()
    values = serializers.DictField(child=NumberField(allow_null=True), help_text="Metric code -> value.")
    previous = serializers.DictField(
        child=NumberField(allow_null=True), allow_null=True, help_text="The previous period; null for a snapshot."
    )
    change_percent = serializers.DictField(
        child=NumberField(allow_null=True), help_text="Change of each count against the previous period, in per cent."
    )


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    compares = serializers.BooleanField(help_text="False for a snapshot of now (the period does not apply).")
    metrics = MetricSerializer(many=True)
    rows = RowSerializer(many=True)


class OfficeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()


class ScopeSerializer(serializers.Serializer):
    office = OfficeSerializer(allow_null=True, help_text="null: every office (a superuser without an office).")
    scope = serializers.ChoiceField(choices=ScopeChoice.choices)


class StatsReportSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    period = PeriodSerializer()
    previous_period = PeriodSerializer()
    time_zone = serializers.CharField()
    computed_at = serializers.DateTimeField()
    indicators = IndicatorSerializer(many=True)


def indicator_data(result: IndicatorResult) -> dict[str, Any]:
    ind = result.indicator
    return {
        "code": ind.code,
        "title": str(ind.title),
        "definition": str(ind.definition),
        "compares": ind.compares,
        "metrics": [{"code": m.code, "label": str(m.label), "unit": str(m.unit)} for m in ind.metrics],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "is_total": row.is_total,
                "values": row.values,
                "previous": row.previous if ind.compares else None,
                "change_percent": result.changes(row) if ind.compares else {},
            }
            for row in result.rows
        ],
    }


def report_data(report: Report) -> dict[str, Any]:
    office = report.scope.office
    return {
        "scope": {
            "office": {"id": office.pk, "code": office.code, "name": office.name} if office else None,
            "scope": ScopeChoice.SUBTREE if report.scope.include_subtree else ScopeChoice.OFFICE,
        },
        "period": {"date_from": report.period.date_from, "date_to": report.period.date_to},
        "previous_period": {"date_from": report.previous.date_from, "date_to": report.previous.date_to},
        "time_zone": settings.TIME_ZONE,
        "computed_at": report.computed_at,
        "indicators": [indicator_data(r) for r in report.results],
    }
