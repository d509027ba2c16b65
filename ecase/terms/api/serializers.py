"""Input and output of the terms calculator API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ecase.terms.choices import SkipReason, TermUnit


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    amount = serializers.IntegerField(source="term.amount")
    unit = serializers.ChoiceField(source="term.unit", choices=TermUnit.choices)
    article = serializers.CharField(source="term.article")
    start_event = serializers.CharField(source="term.start_event")
    moves_off_non_working = serializers.BooleanField(
        source="term.moves_off_non_working",
        help_text=_("False for detention, custody and other limits of liberty: their last day never moves."),
    )
    starts_on_working_day = serializers.BooleanField(source="term.starts_on_working_day")
    verified = serializers.BooleanField(help_text=_("Checked against the published law; else a configurable default."))


class CalculateInputSerializer(serializers.Serializer):
    rule = serializers.CharField(max_length=100, help_text=_("A code from GET /api/v1/terms/rules/."))
    start = serializers.DateTimeField(
        help_text=_("The start event, ISO 8601; without an offset it is read as Asia/Almaty time.")
    )


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    reason = serializers.ChoiceField(choices=SkipReason.choices)
    reason_label = serializers.CharField()
    name = serializers.CharField(help_text=_("The holiday's name, when the package gives one."))


class CalculateOutputSerializer(serializers.Serializer):
    rule = RuleSerializer()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(help_text=_("24:00 of a day is given as that day 23:59:59.999999, Asia/Almaty."))
    last_day = serializers.DateField(allow_null=True)
    nominal_last_day = serializers.DateField(allow_null=True)
    moved = serializers.BooleanField()
    article = serializers.CharField()
    skipped = SkippedDaySerializer(many=True)
