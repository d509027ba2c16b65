"""The prosecutor's form for recording a finding by hand (on the case page's legality panel)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import FindingSeverity
from .services import ARTICLE_MAX_LENGTH, REASON_MAX_LENGTH


class RecordFindingForm(forms.Form):
    decision = forms.TypedChoiceField(label=_("Decision"), required=False, coerce=int, empty_value=None)
    severity = forms.ChoiceField(label=_("Severity"), choices=FindingSeverity.choices)
    article = forms.CharField(label=_("Article of the law"), required=False, max_length=ARTICLE_MAX_LENGTH)
    text = forms.CharField(label=_("What you found"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, decisions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, Any]] = [("", _("The case as a whole"))]
        choices += [(d.pk, f"{d.get_kind_display()} · {d.get_status_display()}") for d in decisions]
        self.fields["decision"].choices = choices  # type: ignore[attr-defined]
