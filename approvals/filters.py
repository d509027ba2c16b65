"""Decision list filters, shared by the API and the web pages (inbox, my decisions, court queue)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ecase.choices import PROSECUTOR_OFFICE_KINDS, OrganisationKind
from ecase.models import Organisation, User
from ecase.visibility import visible_organisations

from .choices import DecisionKind, DecisionStatus
from .models import ProceduralDecision, overdue_q


class DecisionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DecisionStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=DecisionKind.choices, label=_("Kind"))
    case = django_filters.NumberFilter(field_name="case_id", label=_("Case id"))
    case_number = django_filters.CharFilter(method="filter_case_number", label=_("Case number"))
    office = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(kind__in=PROSECUTOR_OFFICE_KINDS),
        method="filter_office",
        label=_("Supervising office (with its sub-offices)"),
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(kind=OrganisationKind.INVESTIGATION_BODY),
        field_name="case__investigation_body",
        label=_("Investigation body"),
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("true", _("Yes")), ("false", _("No"))], method="filter_overdue", label=_("Overdue")
    )

    class Meta:
        model = ProceduralDecision
        fields = ["status", "kind", "case", "case_number", "office", "body", "overdue"]

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = kwargs.get("request")
        user = user or (getattr(request, "user", None) if request is not None else None)
        if user is not None and user.is_authenticated:
            # Offer (and accept) only organisations the user may see.
            visible = visible_organisations(user)  # type: ignore[arg-type]
            self.filters["office"].queryset = visible.filter(kind__in=PROSECUTOR_OFFICE_KINDS)
            self.filters["body"].queryset = visible.filter(kind=OrganisationKind.INVESTIGATION_BODY)

    def filter_case_number(self, queryset: QuerySet[ProceduralDecision], name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(case__number__icontains=value) if value else queryset

    def filter_office(self, queryset: QuerySet[ProceduralDecision], name: str, value: Organisation) -> QuerySet:
        return queryset.filter(case__supervising_office__path__startswith=value.path) if value else queryset

    def filter_overdue(self, queryset: QuerySet[ProceduralDecision], name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(overdue_q()) if value == "true" else queryset.exclude(overdue_q())
