"""Case list filters, shared by the web list and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseCategory, CaseStatus, OrganisationKind, Severity
from ecase.dates import DateField, DateInput
from ecase.models import Case, Organisation

# The web list's date inputs show dd.mm.yyyy (ecase.dates); the API sends ISO (YYYY-MM-DD): both are accepted.
DATE_PICKER = DateInput()


class DateFilter(django_filters.DateFilter):
    field_class = DateField  # its error names the expected format


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search (number, article, summary)"))
    number = django_filters.CharFilter(field_name="number", lookup_expr="iexact", label=_("Register number"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=CaseCategory.choices, label=_("Category"))
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("Severity"))
    investigation_body = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(kind=OrganisationKind.INVESTIGATION_BODY), label=_("Investigation body")
    )
    supervising_office = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.exclude(kind__in=[OrganisationKind.INVESTIGATION_BODY, OrganisationKind.COURT]),
        label=_("Supervising office"),
    )
    registered_after = DateFilter(
        field_name="registered_at", lookup_expr="date__gte", label=_("Registered from"), widget=DATE_PICKER
    )
    registered_before = DateFilter(
        field_name="registered_at", lookup_expr="date__lte", label=_("Registered until"), widget=DATE_PICKER
    )

    class Meta:
        model = Case
        fields = ["q", "number", "status", "category", "severity", "investigation_body", "supervising_office"]

    def filter_q(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(qualification__icontains=value) | Q(summary__icontains=value)
        )
