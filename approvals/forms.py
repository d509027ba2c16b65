"""Web forms of the approvals pages. Required texts are validated on the server (the forms render no
`required` attribute, so the page itself says why it refused); the services validate again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecase.choices import ParticipantRole
from ecase.dates import DateInput, DateTimeInput
from ecase.models import Case, Participant, SuspensionGround, TerminationGround, User
from ecase.selectors import case_list_visible_to
from ecase.terms.engine import end_of_day

from .bulk import BULK_MAX
from .choices import CourtOutcome, DecisionKind, PreventiveMeasure
from .content import TEXT_MAX_LENGTH, DecisionContent
from .inbox_models import SAVED_FILTER_NAME_MAX, SAVED_FILTER_QUERY_MAX
from .kinds import FIELD_LABELS, kind_spec
from .models import ProceduralDecision
from .services import REASON_MAX_LENGTH

_DATE, _DATETIME = DateInput(), DateTimeInput()  # dd.mm.yyyy [hh:mm] text inputs (ecase.dates)


class ServerValidatedForm(forms.Form):
    use_required_attribute = False


class CheckedForm(ServerValidatedForm):
    """A form behind a confirmation: its inputs say `required`, so static/js/confirm.js can tell an invalid
    form (send it without asking: the server answers with the error summary) from one worth confirming.
    The <form> keeps `novalidate`: the server's messages are the ones shown."""

    use_required_attribute = True


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


class RejectForm(CheckedForm):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A decision is rejected only with a reason: write it.")},
    )


class ReturnForm(CheckedForm):
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


class CourtOutcomeForm(CheckedForm):
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


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


class SuspectNotifiedForm(ServerValidatedForm):
    """When the suspect was told: "now" is the usual answer, so it is the default; the allowed range (the
    approval to now) is in the error message. (The input is the dd.mm.yyyy hh:mm text input of every date-time
    field, which has no min/max.)"""

    notified_at = forms.DateTimeField(
        label=_("Told at"),
        required=False,
        widget=_DATETIME,
        initial=timezone.now,
        help_text=_("Leave it as it is if the suspect is being told now."),
    )

    def __init__(self, *args: Any, earliest: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest

    def clean_notified_at(self) -> datetime | None:
        value: datetime | None = self.cleaned_data.get("notified_at")
        now = timezone.now()
        # The inputs have minute precision: the minute of the approval and the current minute are allowed.
        if value is not None and (
            value > now or (self.earliest is not None and value < self.earliest.replace(second=0, microsecond=0))
        ):
            start = _local(self.earliest) if self.earliest else "—"
            raise forms.ValidationError(
                _("Give a time between the approval (%(start)s) and now (%(end)s).")
                % {"start": start, "end": _local(now)}
            )
        if value is not None and self.earliest is not None and value < self.earliest:
            value = self.earliest
        return value


class DocumentForm(ServerValidatedForm):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))


class SavedFilterForm(ServerValidatedForm):
    """Save the inbox's current query (filters and ordering) under a name."""

    name = forms.CharField(
        label=_("Name of the filter"),
        max_length=SAVED_FILTER_NAME_MAX,
        error_messages={"required": _("Give the filter a name.")},
    )
    query = forms.CharField(max_length=SAVED_FILTER_QUERY_MAX, required=False, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class BulkApproveForm(forms.Form):
    """The ids of the inbox rows selected for approval (checkboxes named "ids") and one optional note."""

    note = forms.CharField(label=_("Note (optional)"), max_length=REASON_MAX_LENGTH, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        if not raw:
            raise forms.ValidationError(_("Select the decisions to approve."))
        if len(raw) > BULK_MAX:
            raise forms.ValidationError(_("At most %(n)s decisions at once.") % {"n": BULK_MAX})
        if not all(str(value).isdigit() and 0 < int(value) < 2**63 for value in raw):
            raise forms.ValidationError(_("The selection is not valid: reload the inbox and select again."))
        data["ids"] = [int(value) for value in raw]
        return data
