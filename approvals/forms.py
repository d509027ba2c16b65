"""Web forms of the approvals pages. Required texts are validated on the server (the forms render no
`required` attribute, so the page itself says why it refused); the services validate again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.choices import ParticipantRole
from ecase.dates import DateInput, DateTimeInput
from ecase.models import Case, Participant, SuspensionGround, TerminationGround, User
from ecase.selectors import case_list_visible_to
from ecase.terms.engine import end_of_day

from .choices import CourtOutcome, DecisionKind, PreventiveMeasure
from .content import TEXT_MAX_LENGTH, DecisionContent
from .kinds import FIELD_LABELS, kind_spec
from .models import ProceduralDecision
from .services import REASON_MAX_LENGTH

_DATE, _DATETIME = DateInput(), DateTimeInput()  # dd.mm.yyyy [hh:mm] text inputs (ecase.dates)


class ServerValidatedForm(forms.Form):
    use_required_attribute = False


class DecisionForm(ServerValidatedForm):
    """Text plus the fields of one kind (from the kinds table); other kinds' fields are not shown."""

    text = forms.CharField(
        label=_("Text of the decision"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The reasoning and the operative part."),
    )

    def __init__(
        self, *args: Any, kind: str, case: Case, user: User, decision: ProceduralDecision | None = None, **kwargs: Any
    ) -> None:
        if decision is not None and "initial" not in kwargs:
            kwargs["initial"] = _initial(decision)
        super().__init__(*args, **kwargs)
        self.kind, self.case, self.user = kind, case, user
        spec = kind_spec(kind)
        builders: dict[str, Callable[[], forms.Field]] = {
            "termination_ground": lambda: forms.ModelChoiceField(
                queryset=TerminationGround.objects.order_by("id"), to_field_name="code"
            ),
            "suspension_ground": lambda: forms.ModelChoiceField(
                queryset=SuspensionGround.objects.filter(is_active=True).order_by("code"), to_field_name="code"
            ),
            "participant": lambda: forms.ModelChoiceField(queryset=self._participants(), required=False),
            "person_full_name": lambda: forms.CharField(max_length=255, required=False),
            "person_iin": lambda: forms.RegexField(r"^\d{12}$", required=False, max_length=12),
            "person_birth_date": lambda: forms.DateField(required=False, widget=_DATE),
            "qualification": lambda: forms.CharField(max_length=64),
            "new_term_expires_at": lambda: forms.DateField(
                widget=_DATE, help_text=_("The term runs to the end of this day (Asia/Almaty).")
            ),
            "measure": lambda: forms.ChoiceField(choices=PreventiveMeasure.choices),
            "measure_until": lambda: forms.DateField(widget=_DATE),
            "detained_at": lambda: forms.DateTimeField(required=False, widget=_DATETIME),
            "action": lambda: forms.IntegerField(min_value=1),
            "main_case": lambda: forms.CharField(
                max_length=32, help_text=_("Register number of the case this one is merged into.")
            ),
        }
        for name in spec.fields:
            field = builders[name]()
            field.label = str(FIELD_LABELS[name])
            field.required = name in spec.required and name != "participant"
            self.fields[name] = field

    def _participants(self) -> Any:
        participants = Participant.objects.filter(case=self.case).select_related("person").order_by("role", "id")
        if self.kind == DecisionKind.PREVENTIVE_MEASURE:
            return participants.filter(role=ParticipantRole.SUSPECT)
        return participants.exclude(role=ParticipantRole.SUSPECT)

    def clean_main_case(self) -> int | None:
        number = self.cleaned_data.get("main_case", "").strip()
        if not number:
            return None
        main = case_list_visible_to(user=self.user).filter(number__iexact=number).values_list("pk", flat=True).first()
        if main is None:
            raise forms.ValidationError(_("No case with this number."))
        return main

    def content(self) -> DecisionContent:
        data = dict(self.cleaned_data)
        if data.get("termination_ground") is not None:
            data["termination_ground"] = data["termination_ground"].code
        if data.get("suspension_ground") is not None:
            data["suspension_ground"] = data["suspension_ground"].code
        if data.get("participant") is not None:
            data["participant"] = data["participant"].pk
        if isinstance(data.get("new_term_expires_at"), date):
            data["new_term_expires_at"] = end_of_day(data["new_term_expires_at"])
        return DecisionContent.from_data({k: v for k, v in data.items() if v not in (None, "")})


def _initial(decision: ProceduralDecision) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "text": decision.text,
        "termination_ground": decision.termination_ground.code if decision.termination_ground else None,
        "suspension_ground": decision.suspension_ground.code if decision.suspension_ground else None,
        "participant": decision.participant_id,
        "person_full_name": decision.person_full_name,
        "person_iin": decision.person_iin,
        "person_birth_date": decision.person_birth_date,
        "qualification": decision.qualification,
        "measure": decision.measure,
        "measure_until": decision.measure_until,
        "action": decision.action_id,
        "main_case": decision.main_case.number if decision.main_case else "",
    }
    if decision.new_term_expires_at:
        initial["new_term_expires_at"] = timezone.localtime(decision.new_term_expires_at).date()
    if decision.detained_at:
        initial["detained_at"] = timezone.localtime(decision.detained_at)
    return initial


class ApproveForm(ServerValidatedForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(ServerValidatedForm):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A decision is rejected only with a reason: write it.")},
    )


class ReturnForm(ServerValidatedForm):
    remarks = forms.CharField(
        label=_("Remarks for the author"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A decision is returned only with remarks: write what must change.")},
    )


class WithdrawForm(ServerValidatedForm):
    reason = forms.CharField(
        label=_("Why (optional)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CourtOutcomeForm(ServerValidatedForm):
    outcome = forms.ChoiceField(label=_("Ruling"), choices=CourtOutcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("The court's reasons"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a denial."),
    )
    measure_until = forms.DateField(
        label=_("Measure until (if the court set another date)"), required=False, widget=_DATE
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == CourtOutcome.DENIED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A denial needs the court's reasons."))
        return data


class SuspectNotifiedForm(ServerValidatedForm):
    notified_at = forms.DateTimeField(label=_("Told at"), required=False, widget=_DATETIME)


class DocumentForm(ServerValidatedForm):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))
