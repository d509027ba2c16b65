"""The citizen's office picker: prosecutor's offices grouped by region, in the reader's language.

Without JavaScript it is a <select> with one <optgroup> per region (the regional office first, then its
district offices by name); static/js/office_picker.js adds a search box that filters the options. Each
option carries its names in every language (data-search), so "Medeu" finds the office in a Russian page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ecase.choices import OrganisationKind
from ecase.models import Organisation

Choices = list[tuple[Any, Any]]


def _names(office: Organisation) -> str:
    return " ".join(filter(None, (getattr(office, f"name_{code}", "") for code, _label in settings.LANGUAGES)))


def grouped_office_choices(offices: Iterable[Organisation], empty_label: str) -> tuple[Choices, dict[str, str]]:
    """(choices, search text per value): offices outside any region first, then a group per regional office."""
    offices = list(offices)
    by_pk = {o.pk: o for o in offices}
    loose: list[Organisation] = []
    groups: dict[int, list[Organisation]] = {}
    for office in offices:
        if office.kind == OrganisationKind.REGIONAL_OFFICE:
            groups.setdefault(office.pk, [])
        elif office.kind == OrganisationKind.DISTRICT_OFFICE and office.parent_id in by_pk:
            groups.setdefault(office.parent_id, []).append(office)  # type: ignore[arg-type]
        else:
            loose.append(office)
    choices: Choices = [("", empty_label)] + [(o.pk, o.name) for o in loose]
    search = {str(o.pk): _names(o) for o in offices}
    for region_pk in sorted(groups, key=lambda pk: by_pk[pk].name):
        region = by_pk[region_pk]
        members = [region, *sorted(groups[region_pk], key=lambda o: o.name)]
        choices.append((region.name, [(o.pk, o.name) for o in members]))
        for office in members[1:]:
            search[str(office.pk)] += " " + search[str(region.pk)]
    return choices, search


class OfficeSelect(forms.Select):
    """A <select> whose options carry ``data-search`` (their names in every language and their region's)."""

    template_name = "django/forms/widgets/select.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "data-office-picker": "",
            "data-search-label": _("Find your office"),
            "data-search-hint": _("Type part of a name: a district, a city or a region."),
            "data-count-one": _("1 office found"),
            "data-count-many": _("Offices found: %(n)s"),
            "data-count-none": _("No office matches; clear the search to see all."),
        }
        super().__init__({**base, **(attrs or {})})
        self.search: dict[str, str] = {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        text = self.search.get(str(value))
        if text:
            option["attrs"]["data-search"] = text
        return option


def use_grouped_offices(field: forms.Field, empty_label: str) -> None:
    """Turn a ModelChoiceField of offices into the grouped, searchable picker (validation stays the queryset's)."""
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - only used on office fields
    widget = OfficeSelect(field.widget.attrs)
    offices = field.queryset if field.queryset is not None else Organisation.objects.none()
    choices, widget.search = grouped_office_choices(offices, empty_label)
    field.widget = widget
    field.choices = choices
