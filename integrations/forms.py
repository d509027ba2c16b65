from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecase.choices import Role
from ecase.models import Organisation
from integrations.models import ServiceAccount
from integrations.scopes import Scope


class ServiceAccountForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.all()
    )
    role = forms.ChoiceField(label=_("role"), choices=[c for c in Role.choices if c[0] != Role.CITIZEN])

    class Meta:
        model = ServiceAccount
        fields = ["name", "scopes", "rate_limit_per_minute", "require_if_match"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
            del self.fields["role"]
            self.fields["name"].disabled = True
