"""The terms calculator form (a GET form: computing a term changes nothing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecase.dates import DateTimeField
from ecase.terms.rules import Rule


class CalculatorForm(forms.Form):
    rule = forms.ChoiceField(label=_("Term"))
    start = DateTimeField(label=_("Start event (Almaty time)"))

    def __init__(self, *args: Any, rules: list[Rule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = {rule.code: rule for rule in rules}
        rule_field = self.fields["rule"]
        assert isinstance(rule_field, forms.ChoiceField)  # noqa: S101 - declared above
        rule_field.choices = [(rule.code, f"{rule.title} ({rule.code})") for rule in rules]

    def clean_start(self) -> Any:
        start = self.cleaned_data["start"]
        if not 1900 <= start.year <= 2200:
            raise forms.ValidationError(_("Give a start between the years 1900 and 2200."))
        return start
