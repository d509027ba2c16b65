"""The statistics filter form. Filters travel in the query string, so a view can be bookmarked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ecase.dates import DateField
from ecase.models import User
from stats.choices import ScopeChoice
from stats.period import MAX_ID, Period, period_from_dates
from stats.selectors import stats_offices_visible_to


class StatsFilterForm(forms.Form):
    office = forms.IntegerField(label=_("Office"), required=False, min_value=1, max_value=MAX_ID)
    scope = forms.ChoiceField(label=_("Scope"), choices=ScopeChoice.choices, required=False)
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = stats_offices_visible_to(user=user)
        choices: list[tuple[Any, Any]] = [("", _("My office") if user.organisation_id else _("All offices"))]
        depth = min((o.path.count("/") for o in offices), default=0)
        choices += [(o.pk, "\u2003" * (o.path.count("/") - depth) + o.name) for o in offices]
        self.fields["office"].widget = forms.Select(choices=choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "date_from" in data and "date_to" in data:
            try:
                data["period"] = period_from_dates(data["date_from"], data["date_to"])
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    self.add_error(name, errors)
        return data

    def show_period(self, period: Period) -> None:
        """Fill the empty date fields with the period actually shown (the default), so the form says it."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        for name, value in (("date_from", period.date_from), ("date_to", period.date_to)):
            if not data.get(name):
                data[name] = formats.localize_input(value)  # dd.mm.yyyy, as the input shows dates
        self.data = data

    @property
    def period(self) -> Period:
        return self.cleaned_data["period"]

    @property
    def include_subtree(self) -> bool:
        return self.cleaned_data.get("scope") != ScopeChoice.OFFICE
