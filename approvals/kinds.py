"""The one table of procedural decision kinds (from legal.md): who issues each kind, whether the
prosecutor must approve it and within what term, whether a court sanction follows, which fields the kind
carries, which case states it may be drafted in, and what it does to the case when it takes effect.

Values marked (C) in legal.md are defaults: the prosecutor's and the court's terms live in the
``DecisionKindTerm`` table (seeded from here by a data migration, editable in the admin), and
``approvals.selectors.kind_terms`` reads them from there. Everything else about a kind is read from this
table; no other module branches on a kind's code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ecase.choices import CaseStatus
from ecase.terms.choices import TermUnit
from ecase.terms.term import Term

from .choices import DecisionKind, Issuer

OPEN_CASE = (CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED)

# Kind-specific input fields (names as in the API and the forms).
FIELD_LABELS: dict[str, Promise] = {
    "termination_ground": _("Ground of termination"),
    "suspension_ground": _("Ground of suspension"),
    "participant": _("Participant concerned"),
    "person_full_name": _("Full name of the person (if not yet a participant)"),
    "person_iin": _("IIN of the person"),
    "person_birth_date": _("Birth date of the person"),
    "qualification": _("Qualification (Criminal Code article)"),
    "new_term_expires_at": _("New investigation term"),
    "measure": _("Preventive measure"),
    "measure_until": _("Measure requested until"),
    "detained_at": _("Detained at"),
    "action": _("Investigative action"),
    "main_case": _("Main case (the case is merged into it)"),
}


@dataclass(frozen=True)
class KindSpec:
    kind: DecisionKind
    legal_basis: str
    issued_by: Issuer
    prosecutor_acts: Promise
    # The prosecutor's term, a default (legal.md (C)); the admin-editable DecisionKindTerm wins. A term in days
    # is counted by the day rules of ecase.terms (3 days from Friday 20 March 2026 end on 26 March), not as hours.
    default_term: Term
    term_confirmed: bool
    needs_approval: bool
    court_sanction: bool
    # The court's term. For a preventive measure: the 48 h a person may be held without a court order,
    # counted from detention when it is given (CPC 128, 147-152 (V)).
    default_court_term: Term | None
    # Case states in which the kind may be drafted and take effect; a case that has moved answers 409.
    case_states: tuple[str, ...]
    fields: tuple[str, ...]
    required: tuple[str, ...]
    # Key into approvals.effects.EFFECTS: applied on approval, or on the court's sanction.
    effect: str
    effect_description: Promise
    # Key into approvals.effects.EFFECTS applied on rejection ("" = nothing happens to the case).
    rejection_effect: str = ""
    # False for kinds the system creates itself (urgent-action notices come from recorded actions).
    drafted_by_hand: bool = True
    # A follow-up clock started by the effect: the code of an ecase TermRule (e.g. "suspect_notice": 24 h).
    follow_up_rule: str = ""


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            kind=DecisionKind.SUSPECT_RECOGNITION,
            legal_basis="CPC 64 p.1, 202-206 (V)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("agrees"),
            default_term=Term(24, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=OPEN_CASE,
            fields=("participant", "person_full_name", "person_iin", "person_birth_date", "qualification"),
            required=("qualification",),
            effect="record_suspect",
            effect_description=_(
                "The person becomes a suspect with the qualification of the act; the suspect must be told "
                "within 24 hours (CPC 206 p.1)."
            ),
            follow_up_rule="suspect_notice",
        ),
        KindSpec(
            kind=DecisionKind.QUALIFICATION_CHANGE,
            legal_basis="CPC 207 (V)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("agrees"),
            default_term=Term(24, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=OPEN_CASE,
            fields=("qualification",),
            required=("qualification",),
            effect="change_qualification",
            effect_description=_("The case's qualification is updated."),
        ),
        KindSpec(
            kind=DecisionKind.TERMINATION,
            legal_basis="CPC 35, 36, 288 (approval rule C)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves"),
            default_term=Term(3, TermUnit.DAYS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=(CaseStatus.INVESTIGATING,),
            fields=("termination_ground",),
            required=("termination_ground",),
            effect="terminate_case",
            effect_description=_("The case is terminated with its ground (rehabilitating or not)."),
        ),
        KindSpec(
            kind=DecisionKind.SUSPENSION,
            legal_basis="CPC 45 p.7 (grounds V), 50",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves"),
            default_term=Term(3, TermUnit.DAYS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=(CaseStatus.INVESTIGATING,),
            fields=("suspension_ground",),
            required=("suspension_ground",),
            effect="suspend_case",
            effect_description=_("The case is suspended; the investigation term stops running."),
        ),
        KindSpec(
            kind=DecisionKind.RESUMPTION,
            legal_basis="CPC 50 (C)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves"),
            default_term=Term(24, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=(CaseStatus.SUSPENDED,),
            fields=(),
            required=(),
            effect="resume_case",
            effect_description=_("The investigation resumes; the term runs again."),
        ),
        KindSpec(
            kind=DecisionKind.TERM_EXTENSION,
            legal_basis="CPC 192 (C)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves"),
            default_term=Term(3, TermUnit.DAYS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=OPEN_CASE,
            fields=("new_term_expires_at",),
            required=("new_term_expires_at",),
            effect="extend_term",
            effect_description=_("The investigation term is moved to the approved date."),
        ),
        KindSpec(
            kind=DecisionKind.PREVENTIVE_MEASURE,
            legal_basis="CPC 147-152 (V roles)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("agrees, then files with the investigating judge"),
            default_term=Term(12, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=True,
            default_court_term=Term(48, TermUnit.HOURS, moves_off_non_working=False),
            case_states=OPEN_CASE,
            fields=("participant", "measure", "measure_until", "detained_at"),
            required=("participant", "measure", "measure_until"),
            effect="record_measure",
            effect_description=_(
                "On the judge's sanction the measure is recorded with its end date (custody at most two "
                "months before an extension)."
            ),
        ),
        KindSpec(
            kind=DecisionKind.INDICTMENT,
            legal_basis="CPC 298-302 as amended 27 Dec 2021 (V)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves the indictment"),
            default_term=Term(5, TermUnit.DAYS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=(CaseStatus.INVESTIGATING,),
            fields=(),
            required=(),
            effect="send_case_to_court",
            effect_description=_("The case is sent to court."),
        ),
        KindSpec(
            kind=DecisionKind.URGENT_ACTION_NOTICE,
            legal_basis="CPC 64, supervision rules (C)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("reviews legality"),
            default_term=Term(24, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            # The legality of a done action is reviewed whatever has happened to the case since.
            case_states=tuple(CaseStatus.values),
            fields=("action",),
            required=("action",),
            effect="mark_action_lawful",
            effect_description=_(
                "Approved: the action is marked lawful. Rejected: the action is marked unlawful and its "
                "evidence inadmissible."
            ),
            rejection_effect="mark_action_unlawful",
            drafted_by_hand=False,
        ),
        KindSpec(
            kind=DecisionKind.MERGER,
            legal_basis="CPC 44 (C)",
            issued_by=Issuer.INVESTIGATOR,
            prosecutor_acts=_("approves"),
            default_term=Term(3, TermUnit.DAYS),
            term_confirmed=False,
            needs_approval=True,
            court_sanction=False,
            default_court_term=None,
            case_states=OPEN_CASE,
            fields=("main_case",),
            required=("main_case",),
            effect="merge_case",
            effect_description=_("The case is merged into the main case and linked to it."),
        ),
        KindSpec(
            kind=DecisionKind.TERMINATION_CANCELLATION,
            legal_basis="CPC 193 (prosecutor's supervision powers) (C)",
            issued_by=Issuer.PROSECUTOR,
            prosecutor_acts=_("issues"),
            default_term=Term(0, TermUnit.HOURS),
            term_confirmed=False,
            needs_approval=False,
            court_sanction=False,
            default_court_term=None,
            case_states=(CaseStatus.TERMINATED, CaseStatus.SUSPENDED),
            fields=(),
            required=(),
            effect="cancel_termination",
            effect_description=_(
                "An unlawful termination or suspension is cancelled: the case is under investigation again."
            ),
        ),
    )
}


def kind_spec(kind: str) -> KindSpec:
    """The row of the table for a kind (KeyError for an unknown kind: callers validate choices first)."""
    return KINDS[kind]


def hand_drafted_kinds(issuer: str) -> list[KindSpec]:
    """Kinds a person of this issuer role drafts by hand, in the table's order."""
    return [s for s in KINDS.values() if s.drafted_by_hand and s.issued_by == issuer]
