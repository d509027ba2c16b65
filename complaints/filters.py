"""Complaint list filters, shared by the web queue and the API."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ComplaintStatus
from .models import Complaint, ComplaintKind

YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search (tracking number, name, case)"))
    status = django_filters.ChoiceFilter(choices=ComplaintStatus.choices, label=_("State"))
    kind = django_filters.ModelChoiceFilter(queryset=ComplaintKind.objects.all(), to_field_name="code", label=_("Kind"))
    overdue = django_filters.BooleanFilter(
        field_name="overdue", label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Assigned to me"), widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Complaint
        fields = ["q", "status", "kind", "overdue", "mine"]

    def filter_q(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(tracking_number__iexact=value)
            | Q(complainant_name__icontains=value)
            | Q(case_number__iexact=value)
            | Q(case__number__iexact=value)
        )

    def filter_overdue(self, queryset: QuerySet[Complaint], name: str, value: bool | None) -> QuerySet[Complaint]:
        # `overdue` is annotated by complaints.selectors.complaint_annotate_deadline.
        return queryset.filter(Q(overdue=value)) if value is not None else queryset

    def filter_mine(self, queryset: QuerySet[Complaint], name: str, value: bool | None) -> QuerySet[Complaint]:
        user = getattr(self.request, "user", None)
        return queryset.filter(executor=user) if value and user is not None else queryset
