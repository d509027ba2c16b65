"""Web forms of complaints. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ecase.choices import Role
from ecase.dates import DateField, DateTimeField
from ecase.models import Organisation, User
from ecase.validators import normalize_kz_phone, validate_iin

from .choices import STAFF_CHANNELS, Channel, ExplanationForm
from .office_picker import use_grouped_offices
from .selectors import (
    executors_for_registration,
    kinds_for_filing,
    offices_for_filing,
    offices_for_registration,
)

TEXT_MAX = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the upload rules (size, type) are the document service's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ComplaintFileForm(forms.Form):
    """The public filing form; staff entering a paper complaint also give the channel and date of receipt."""

    kind = forms.ModelChoiceField(
        label=_("What is the complaint about?"), queryset=kinds_for_filing(), to_field_name="code", empty_label=None
    )
    office = forms.ModelChoiceField(
        label=_("Prosecutor's office"),
        queryset=offices_for_filing(),
        required=False,
        empty_label=_("— choose, or give a case number —"),
        help_text=_("The office of your region or district. With a case number, the case's office handles it."),
    )
    case_number = forms.CharField(
        label=_("Case number (if the complaint concerns a criminal case)"), max_length=32, required=False
    )
    complainant_name = forms.CharField(label=_("Your full name"), max_length=255)
    complainant_iin = forms.CharField(
        label=_("IIN"), max_length=12, min_length=12, validators=[validate_iin], help_text=_("12 digits.")
    )
    complainant_email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("We write to you when the complaint is registered and answered.")
    )
    complainant_phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        help_text=_("+7 and 10 digits, e.g. +77011234567. We send SMS about the complaint to it."),
    )
    complainant_address = forms.CharField(label=_("Postal address"), max_length=255, required=False)
    text = forms.CharField(label=_("Your complaint"), widget=forms.Textarea(attrs={"rows": 8}), max_length=TEXT_MAX)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 5 files: PDF, images, DOCX, ODT or text, 10 MB each."),
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = user is not None and user.is_authenticated and user.is_prosecutor
        if self.staff:
            assert user is not None  # noqa: S101 - narrowed above
            self.fields["office"].queryset = offices_for_registration(user=user)  # type: ignore[attr-defined]
            self.fields["office"].required = True
            self.fields["channel"] = forms.ChoiceField(
                label=_("Received"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
            )
            self.fields["received_at"] = DateTimeField(
                label=_("Date and time of receipt"),
                required=False,
                help_text=_("Empty: now."),
            )
        elif user is not None and user.is_authenticated:
            self.fields["complainant_name"].initial = user.get_full_name()
            self.fields["complainant_iin"].initial = user.iin
            self.fields["complainant_email"].initial = user.email
        # Offices grouped by region with a search box (complaints.office_picker, static/js/office_picker.js).
        use_grouped_offices(self.fields["office"], str(self.fields["office"].empty_label or ""))  # type: ignore[attr-defined]

    def clean_complainant_phone(self) -> str:
        return normalize_kz_phone(self.cleaned_data.get("complainant_phone") or "")

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This form was not filled in by a person."), code="honeypot")
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("office") and not (data.get("case_number") or "").strip():
            self.add_error("office", _("Choose an office, or give the number of the case the complaint is about."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kwargs = {
            "kind": d["kind"].code,
            "text": d["text"],
            "complainant_name": d["complainant_name"],
            "complainant_iin": d["complainant_iin"],
            "complainant_email": d.get("complainant_email") or "",
            "complainant_phone": d.get("complainant_phone") or "",
            "complainant_address": d.get("complainant_address") or "",
            "office_id": d["office"].pk if d.get("office") else None,
            "case_number": d.get("case_number") or "",
            "attachments": d.get("attachments") or [],
            "channel": Channel.WEB,
        }
        if self.staff:
            kwargs["channel"] = d["channel"]
            kwargs["received_at"] = d.get("received_at")
        return kwargs


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=20)
    access_key = forms.CharField(label=_("Access key"), max_length=40, widget=forms.PasswordInput(render_value=True))


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why do you disagree with the answer?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )


class AnonymousAppealForm(AppealForm):
    access_key = forms.CharField(
        label=_("Access key"),
        max_length=40,
        widget=forms.PasswordInput,
        help_text=_("The key you were given when filing; the appeal keeps it."),
    )


class CitizenSignupForm(UserCreationForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    iin = forms.CharField(label=_("IIN"), max_length=12, min_length=12, validators=[validate_iin])
    phone = forms.CharField(
        label=_("Phone"), max_length=32, required=False, help_text=_("+7 and 10 digits, e.g. +77011234567.")
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "first_name", "last_name", "email", "iin", "phone")

    def clean_phone(self) -> str:
        return normalize_kz_phone(self.cleaned_data.get("phone") or "")

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.role = Role.CITIZEN
        user.organisation = None
        if commit:
            user.save()
        return user


# --- staff actions ------------------------------------------------------------------------------


class RegisterForm(forms.Form):
    office: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Office"), queryset=Organisation.objects.none()
    )
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=User.objects.none())
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=kinds_for_filing(), to_field_name="code")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices_for_registration(user=user)  # type: ignore[attr-defined]
        executor = self.fields["executor"]
        executor.queryset = executors_for_registration(user=user)  # type: ignore[attr-defined]
        executor.label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.get_full_name() or u.get_username()} ({u.get_role_display()}, {u.organisation})"
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX)


class RefusalForm(forms.Form):
    answer = forms.CharField(
        label=_("Reasoned answer (the grounds of the refusal)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        help_text=_("The refusal becomes final only after a senior prosecutor explains it to the complainant."),
    )


class ForwardForm(forms.Form):
    body = forms.CharField(label=_("Competent body"), max_length=255)
    answer = forms.CharField(
        label=_("Letter to the complainant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Empty: a standard letter naming the body."),
    )


class ExplanationRecordForm(forms.Form):
    held_at = DateTimeField(label=_("Date and time"))
    form = forms.ChoiceField(label=_("Form"), choices=ExplanationForm.choices, widget=forms.RadioSelect)
    given_by = forms.ModelChoiceField(
        label=_("Explained by"), queryset=User.objects.none(), required=False, empty_label=None
    )
    participants = forms.CharField(label=_("Who took part"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    summary = forms.CharField(
        label=pgettext_lazy("explanation", "Summary"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The senior prosecutors of the user's office (the user first, the default); the service checks the
        # one chosen may give the explanation for this complaint.
        office = Q(organisation=user.organisation) if user.organisation_id else Q(pk__in=[])
        chosen = Q(pk=user.pk) | (office & Q(is_active=True, role=Role.SENIOR_PROSECUTOR))
        field = self.fields["given_by"]
        field.queryset = User.objects.filter(chosen).order_by("last_name", "first_name")  # type: ignore[attr-defined]
        field.initial = user.pk
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]


class ExtendForm(forms.Form):
    until = DateField(label=_("Extend until"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX)
