"""Web forms of the case register. They check the shape of the input; the services check the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecase.choices import ActionKind, CaseCategory, ParticipantRole, Severity
from ecase.dates import DateField, DateTimeField
from ecase.models import Case, Participant
from ecase.validators import validate_iin

# Article of the Criminal Code, optionally with a part and a clause: "190", "188 p.2", "200-1 p.3 cl.1".
QUALIFICATION_RE = re.compile(r"^\d{1,3}(?:-\d{1,2})?(?: p\.\s?\d{1,2}(?: cl\.\s?\d{1,2})?)?$", re.IGNORECASE)


def normalise_qualification(value: str) -> str:
    value = " ".join(value.split())
    value = re.sub(r"\s*(p|cl)\.\s*", lambda m: f" {m.group(1).lower()}.", value, flags=re.IGNORECASE)
    return value.strip()


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class CaseRegisterForm(forms.Form):
    qualification = forms.CharField(
        label=_("Qualification"),
        max_length=64,
        help_text=_("Article of the Criminal Code, optionally with its part: 190, or 188 p.2 (article 188, part 2)."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=CaseCategory.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What happened, where and when, as known at registration."),
    )

    def clean_qualification(self) -> str:
        value = normalise_qualification(self.cleaned_data["qualification"])
        if not QUALIFICATION_RE.match(value):
            raise ValidationError(
                _("Enter an article of the Criminal Code, e.g. 190 or 188 p.2 (article 188, part 2)."),
                code="qualification_format",
            )
        return value

    def clean_summary(self) -> str:
        value = self.cleaned_data["summary"].strip()
        if len(value) < 10:
            raise ValidationError(_("Describe the case in at least a sentence."), code="summary_short")
        return value


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    iin = forms.CharField(
        label=_("IIN"),
        max_length=12,
        required=False,
        help_text=_("12 digits; leave empty if the person has none."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = DateField(label=_("Birth date"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A suspect is recognised only by an approved decision: the dropdown does not offer it, and the
        # service refuses it (with its own message) if it is posted anyway.
        role = self.fields["role"]
        role.widget.choices = [c for c in ParticipantRole.choices if c[0] != ParticipantRole.SUSPECT]  # type: ignore[attr-defined]
        role.help_text = _("A suspect is recognised only through a suspect-recognition decision.")

    def clean_full_name(self) -> str:
        value = " ".join(self.cleaned_data["full_name"].split())
        if not value:
            raise ValidationError(_("Enter the person's full name."), code="required")
        return value

    def clean_iin(self) -> str:
        value = self.cleaned_data["iin"].strip().replace(" ", "")
        if value:
            validate_iin(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        details = {k: data[k] for k in ("birth_date", "phone", "email") if data.get(k)}
        return {"role": data["role"], "full_name": data["full_name"], "iin": data["iin"], **details}


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"), help_text=_("PDF, image, DOCX, ODT or UTF-8 text."), allow_empty_file=True)


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices)
    performed_at = DateTimeField(
        label=_("Performed at"),
        help_text=_("Local time (Asia/Almaty)."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=255,
        required=False,
        help_text=_("The approved decision or court sanction the action rests on."),
    )
    basis_reference = forms.CharField(
        label=_("Basis reference"),
        max_length=64,
        required=False,
        help_text=_(
            "The approved decision of this case the action rests on, e.g. D-123. "
            "Leave empty if there is none: the prosecutor will review the action."
        ),
    )


class DetentionForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Detained participant"), queryset=Participant.objects.none(), required=False
    )
    full_name = forms.CharField(label=_("Or full name (not yet a participant)"), max_length=255, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False, validators=[validate_iin])
    detained_at = DateTimeField(label=_("Detained at"), help_text=_("Almaty time."))
    protocol_reference = forms.CharField(label=_("Protocol of detention"), max_length=128, required=False)
    exceptional = forms.BooleanField(label=_("Exceptional ground (72 hours)"), required=False)
    exceptional_basis = forms.CharField(
        label=_("Basis of the exceptional ground"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = Participant.objects.filter(case=case).exclude(role=ParticipantRole.DEFENDER)
        self.fields["participant"].queryset = participants.select_related("person").order_by("role", "id")  # type: ignore[attr-defined]
