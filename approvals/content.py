"""The content of a decision as a user gives it (text and kind-specific fields), and its validation
against the kinds table and the case. Forms and serializers build a DecisionContent; services resolve it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.choices import ActionReview, CaseStatus, ParticipantRole
from ecase.dates import format_moment
from ecase.legal_refs import format_reference
from ecase.models import Case, InvestigativeAction, Participant, SuspensionGround, TerminationGround, User
from ecase.selectors import case_list_visible_to
from ecase.terms.choices import TermUnit
from ecase.terms.engine import TermEnd, compute
from ecase.terms.selectors import investigation_longest_extension, term_rule
from ecase.validators import validate_iin, validate_iin_matches

from .choices import DecisionKind, PreventiveMeasure
from .kinds import OPEN_CASE, kind_spec

TEXT_MAX_LENGTH = 20_000


def investigation_term_limit(case: Case) -> TermEnd | None:
    """The latest end of the case's investigation term any authority of the extension chain may set
    (CPC 192, the InvestigationExtension table of its category); None when the category has no chain."""
    longest = investigation_longest_extension(case.category)
    return compute(longest, case.registered_at) if longest is not None else None


def _extension_refusal(longest: TermEnd | None) -> str:
    if longest is None:
        return _("The investigation term of this category cannot be extended.")
    return _(
        "The investigation term may be extended to %(end)s at the latest (%(amount)s %(unit)s from registration, "
        "%(article)s)."
    ) % {
        "end": format_moment(longest.end),
        "amount": longest.term.amount,
        "unit": TermUnit(longest.term.unit).label,
        "article": format_reference(longest.term.article),
    }


def custody_last_day(start: datetime) -> date:
    """The last day custody may be ordered to from `start` (CPC 151: two months; the ecase TermRule
    "custody", a limit of liberty that never moves)."""
    last_day = compute(term_rule("custody"), start).last_day
    assert last_day is not None  # noqa: S101 - a term in months has a last day
    return last_day


@dataclass(frozen=True)
class DecisionContent:
    text: str
    termination_ground: str = ""
    suspension_ground: str = ""
    participant: int | None = None
    person_full_name: str = ""
    person_iin: str = ""
    person_birth_date: date | None = None
    qualification: str = ""
    new_term_expires_at: datetime | None = None
    measure: str = ""
    measure_until: date | None = None
    detained_at: datetime | None = None
    action: int | None = None
    main_case: int | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DecisionContent:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names and v is not None})

    def given(self) -> set[str]:
        return {f.name for f in fields(self) if f.name != "text" and getattr(self, f.name) not in (None, "")}


KIND_FIELD_NAMES = tuple(f.name for f in fields(DecisionContent) if f.name != "text")

# Model fields each content field fills (a content field may fill two, e.g. participant and person).
_BLANK: dict[str, Any] = {
    "termination_ground": None,
    "suspension_ground": None,
    "participant": None,
    "person": None,
    "person_full_name": "",
    "person_iin": "",
    "person_birth_date": None,
    "qualification": "",
    "new_term_expires_at": None,
    "measure": "",
    "measure_until": None,
    "detained_at": None,
    "action": None,
    "main_case": None,
}


def resolve_content(*, kind: str, case: Case, actor: User, content: DecisionContent) -> dict[str, Any]:
    """Check the content against the kind and the case; return the model field values to store.

    Raises ValidationError with errors keyed by input field name.
    """
    spec = kind_spec(kind)
    errors: dict[str, str] = {}
    values: dict[str, Any] = dict(_BLANK)
    text = (content.text or "").strip()
    if not text:
        errors["text"] = _("Write the text of the decision.")
    elif len(text) > TEXT_MAX_LENGTH:
        errors["text"] = _("The text is longer than %(n)s characters.") % {"n": TEXT_MAX_LENGTH}
    values["text"] = text
    given = content.given()
    for name in sorted(given - set(spec.fields)):
        errors[name] = _("This field does not apply to a decision of this kind.")
    for name in spec.required:
        if name not in given:
            errors[name] = _("This field is required for a decision of this kind.")
    now = timezone.now()

    if "termination_ground" in given and "termination_ground" in spec.fields:
        ground = TerminationGround.objects.filter(code=content.termination_ground).first()
        if ground is None:
            errors["termination_ground"] = _("Unknown ground of termination.")
        values["termination_ground"] = ground

    if "suspension_ground" in given and "suspension_ground" in spec.fields:
        suspension = SuspensionGround.objects.filter(code=content.suspension_ground, is_active=True).first()
        if suspension is None:
            errors["suspension_ground"] = _("Unknown ground of suspension.")
        values["suspension_ground"] = suspension

    if "qualification" in given and "qualification" in spec.fields:
        qualification = content.qualification.strip()
        if len(qualification) > 64:
            errors["qualification"] = _("At most 64 characters.")
        elif kind == DecisionKind.QUALIFICATION_CHANGE and qualification == case.qualification:
            errors["qualification"] = _("This is already the case's qualification.")
        values["qualification"] = qualification

    if "participant" in given and "participant" in spec.fields:
        participant = (
            Participant.objects.select_related("person").filter(case=case, pk=content.participant or 0).first()
        )
        if participant is None:
            errors["participant"] = _("No such participant in this case.")
        elif kind == DecisionKind.PREVENTIVE_MEASURE and participant.role != ParticipantRole.SUSPECT:
            errors["participant"] = _("A preventive measure is applied to a suspect.")
        elif kind == DecisionKind.SUSPECT_RECOGNITION and _is_suspect(case, participant.person_id):
            errors["participant"] = _("This person is already a suspect in the case.")
        else:
            values["participant"] = participant
            values["person"] = participant.person

    if kind == DecisionKind.SUSPECT_RECOGNITION:
        _check_new_person(case=case, content=content, given=given, values=values, errors=errors, today=now.date())

    if "new_term_expires_at" in given and "new_term_expires_at" in spec.fields:
        new_term = content.new_term_expires_at
        assert new_term is not None  # noqa: S101 - given
        longest = investigation_term_limit(case)
        if new_term <= case.term_expires_at or new_term <= now:
            errors["new_term_expires_at"] = _("The new term must be later than the current term (%(term)s).") % {
                "term": format_moment(case.term_expires_at)
            }
        elif longest is None or new_term > longest.end:
            errors["new_term_expires_at"] = _extension_refusal(longest)
        values["new_term_expires_at"] = new_term

    if kind == DecisionKind.PREVENTIVE_MEASURE:
        _check_measure(content=content, given=given, values=values, errors=errors, now=now)

    if "action" in given and "action" in spec.fields:
        action = InvestigativeAction.objects.filter(case=case, pk=content.action or 0).first()
        if action is None:
            errors["action"] = _("No such investigative action in this case.")
        elif action.review != ActionReview.AWAITING_REVIEW:
            errors["action"] = _("This action does not await the prosecutor's review.")
        values["action"] = action

    if "main_case" in given and "main_case" in spec.fields:
        main_case = case_list_visible_to(user=actor).filter(pk=content.main_case or 0).first()
        if main_case is None:
            errors["main_case"] = _("No such case.")
        elif main_case.pk == case.pk:
            errors["main_case"] = _("A case cannot be merged into itself.")
        elif main_case.status not in OPEN_CASE:
            errors["main_case"] = _("The main case is %(state)s; only an open case can absorb another.") % {
                "state": main_case.get_status_display()
            }
        values["main_case"] = main_case

    if errors:
        raise ValidationError(errors)
    return values


def _is_suspect(case: Case, person_id: int) -> bool:
    return Participant.objects.filter(case=case, person_id=person_id, role=ParticipantRole.SUSPECT).exists()


def _check_new_person(
    *,
    case: Case,
    content: DecisionContent,
    given: set[str],
    values: dict[str, Any],
    errors: dict[str, str],
    today: date,
) -> None:
    """Suspect recognition names an existing participant, or a person by name (and IIN, birth date)."""
    has_participant = "participant" in given
    has_name = "person_full_name" in given
    if has_participant and (has_name or "person_iin" in given or "person_birth_date" in given):
        errors["participant"] = _("Choose a participant or describe a new person, not both.")
        return
    if not has_participant and not has_name:
        errors["participant"] = _("Choose the participant, or give the full name of the person.")
        return
    if has_participant:
        return
    values["person_full_name"] = content.person_full_name.strip()[:255]
    if content.person_iin:
        try:
            validate_iin(content.person_iin)
        except ValidationError as exc:
            errors["person_iin"] = exc.messages[0]
        else:
            values["person_iin"] = content.person_iin
            existing = Participant.objects.filter(
                case=case, person__iin=content.person_iin, role=ParticipantRole.SUSPECT
            ).exists()
            if existing:
                errors["person_iin"] = _("This person is already a suspect in the case.")
    if content.person_birth_date is not None:
        if content.person_birth_date > today:
            errors["person_birth_date"] = _("The birth date is in the future.")
        values["person_birth_date"] = content.person_birth_date
        if "person_iin" in values and "person_birth_date" not in errors:
            try:
                validate_iin_matches(content.person_iin, birth_date=content.person_birth_date)
            except ValidationError as exc:
                errors["person_birth_date"] = exc.message_dict["birth_date"][0]


def _check_measure(
    *, content: DecisionContent, given: set[str], values: dict[str, Any], errors: dict[str, str], now: datetime
) -> None:
    if "measure" in given:
        if content.measure not in PreventiveMeasure.values:
            errors["measure"] = _("Unknown preventive measure.")
        values["measure"] = content.measure
    if content.detained_at is not None:
        if content.detained_at > now:
            errors["detained_at"] = _("The detention time is in the future.")
        values["detained_at"] = content.detained_at
    if content.measure_until is not None:
        if content.measure_until <= timezone.localdate(now):
            errors["measure_until"] = _("The end date must be in the future.")
        elif content.measure == PreventiveMeasure.CUSTODY and content.measure_until > custody_last_day(
            content.detained_at or now
        ):
            errors["measure_until"] = _("Custody is ordered for at most two months (CPC 151).")
        values["measure_until"] = content.measure_until


def case_state_allows(kind: str, case: Case) -> bool:
    return case.status in kind_spec(kind).case_states


def case_state_error(kind: str, case: Case) -> str:
    return _("A decision of this kind is not possible while the case is %(state)s.") % {
        "state": CaseStatus(case.status).label
    }


def content_of(decision: Any) -> DecisionContent:
    """The content currently stored on a decision, as input (to merge a partial edit into)."""
    return DecisionContent(
        text=decision.text,
        termination_ground=decision.termination_ground.code if decision.termination_ground_id else "",
        suspension_ground=decision.suspension_ground.code if decision.suspension_ground_id else "",
        participant=decision.participant_id,
        person_full_name=decision.person_full_name,
        person_iin=decision.person_iin,
        person_birth_date=decision.person_birth_date,
        qualification=decision.qualification,
        new_term_expires_at=decision.new_term_expires_at,
        measure=decision.measure,
        measure_until=decision.measure_until,
        detained_at=decision.detained_at,
        action=decision.action_id,
        main_case=decision.main_case_id,
    )
