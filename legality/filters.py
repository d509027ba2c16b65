"""Findings filters, shared by the queue page and the API."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.models import Organisation

from .choices import MANUAL_RULE, FindingOrigin, FindingSeverity, FindingStatus
from .models import Finding
from .registry import rules_all


def _rule_choices() -> list[tuple[str, str]]:
    return [(r.code, str(r.title)) for r in rules_all()] + [(MANUAL_RULE, str(_("Recorded by a prosecutor")))]


class FindingFilter(django_filters.FilterSet):
    rule = django_filters.ChoiceFilter(choices=_rule_choices, label=_("Rule"))
    severity = django_filters.ChoiceFilter(choices=FindingSeverity.choices, label=_("Severity"))
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices, label=_("Status"))
    origin = django_filters.ChoiceFilter(choices=FindingOrigin.choices, label=_("Found by"))
    office = django_filters.ModelChoiceFilter(
        field_name="case__supervising_office", queryset=Organisation.objects.all(), label=_("Office")
    )
    case = django_filters.NumberFilter(field_name="case_id", label=_("Case"))
    decision = django_filters.NumberFilter(field_name="decision_id", label=_("Decision"))
    min_age_days = django_filters.NumberFilter(method="filter_age", label=_("Open at least (days)"), min_value=0)

    class Meta:
        model = Finding
        fields = ["rule", "severity", "status", "origin", "office", "case", "decision", "min_age_days"]

    def filter_age(self, queryset: QuerySet[Finding], name: str, value: int) -> QuerySet[Finding]:
        return queryset.filter(first_seen__lte=timezone.now() - timedelta(days=int(value)))
