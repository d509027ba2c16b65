"""The notification settings form: language, phone, and the channels of each event (one checkbox each)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecase.models import DeliveryChannel, User
from ecase.notifications.preferences import CHANNEL_FIELDS, Choice, preferences_of, preferences_update


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of e-mail and SMS"),
        required=False,
        choices=[("", _("The site's default")), *settings.LANGUAGES],
    )
    phone = forms.CharField(
        label=_("Phone for SMS"),
        max_length=32,
        required=False,
        help_text=_("+7 and 10 digits, e.g. +77011234567."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.choices: list[Choice] = preferences_of(user=user)
        self.fields["language"].initial = user.language
        self.fields["phone"].initial = user.phone
        self.rows: list[dict[str, Any]] = []
        for choice in self.choices:
            cells: list[str | None] = []
            for channel in CHANNEL_FIELDS:
                if not choice.event.offers(channel):
                    cells.append(None)
                    continue
                name = self.field_name(choice.event.key, channel)
                locked = channel == DeliveryChannel.IN_APP and choice.event.must_act
                self.fields[name] = forms.BooleanField(
                    label=f"{choice.event.label}: {DeliveryChannel(channel).label}",
                    required=False,
                    initial=getattr(choice, channel),
                    disabled=locked,
                )
                cells.append(name)
            self.rows.append({"choice": choice, "cells": cells})

    @staticmethod
    def field_name(event: str, channel: str) -> str:
        return f"{event.replace('.', '__')}--{channel}"

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {"choice": row["choice"], "cells": [self[name] if name else None for name in row["cells"]]}
            for row in self.rows
        ]

    def save(self) -> list[Choice]:
        """Apply the choices (all or nothing); errors of the service become the form's errors."""
        items = []
        for row in self.rows:
            item: dict[str, Any] = {"event": row["choice"].event.key}
            for name, channel in zip(row["cells"], CHANNEL_FIELDS, strict=True):
                if name and not self.fields[name].disabled:
                    item[channel] = bool(self.cleaned_data.get(name))
            items.append(item)
        try:
            return preferences_update(
                user=self.user,
                items=items,
                language=self.cleaned_data.get("language") or "",
                phone=self.cleaned_data.get("phone") or "",
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            raise
