"""What an approved (or court-sanctioned) decision does to the case, one function per effect named in
the kinds table. Each runs inside the decision's transaction, locks the rows it touches, and raises
Conflict (HTTP 409) when the case has moved so that the effect can no longer apply; the caller's
transaction then rolls back, approval included."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecase.audit.services import audit_record
from ecase.choices import ActionReview, CaseStatus, ParticipantRole
from ecase.exceptions import Conflict
from ecase.models import Case, InvestigativeAction, Participant, User
from ecase.services.cases import case_apply_transition, person_get_or_create
from ecase.services.detentions import detention_stop_by_sanction
from ecase.services.rehabilitation import rehabilitation_cancel_for_case, rehabilitation_record
from ecase.terms.engine import end_moment, end_of_day
from ecase.terms.selectors import term_rule

from .kinds import kind_spec
from .models import ProceduralDecision

Effect = Callable[[ProceduralDecision, User], None]


def _reason(decision: ProceduralDecision) -> str:
    return _("Decision #%(id)s: %(kind)s") % {"id": decision.pk, "kind": decision.get_kind_display()}


def lock_case_in_state(decision: ProceduralDecision) -> Case:
    """Lock the decision's case and check it is still in a state the kind applies to."""
    case = Case.objects.select_for_update(no_key=True).get(pk=decision.case_id)
    if case.status not in kind_spec(decision.kind).case_states:
        raise Conflict(
            _("The case is %(state)s; this decision can no longer take effect.") % {"state": case.get_status_display()}
        )
    return case


def _case_transition(name: str, **kwargs: object) -> Effect:
    def effect(decision: ProceduralDecision, actor: User) -> None:
        case_apply_transition(
            case_id=decision.case_id, transition=name, actor=actor, reason=_reason(decision), **kwargs
        )

    effect.__name__ = f"case_{name}"
    return effect


def terminate_case(decision: ProceduralDecision, actor: User) -> None:
    """The ground is fixed on the decision as it is now (code, title, rehabilitating): a later edit of the
    ground table changes neither this decision, nor its signature, nor the statistics of the case."""
    ground = decision.termination_ground
    if ground is None:
        raise Conflict(_("The decision names no ground of termination."))
    decision.ground_code, decision.ground_title = ground.code, ground.title
    decision.ground_rehabilitating = ground.is_rehabilitating
    case_apply_transition(
        case_id=decision.case_id,
        transition="terminate",
        actor=actor,
        reason=_reason(decision),
        ground=ground,
        rehabilitating=decision.ground_rehabilitating,
    )
    if decision.ground_rehabilitating:
        rehabilitation_record(
            case_id=decision.case_id,
            decision_reference=f"decision:{decision.pk}",
            ground_code=decision.ground_code,
            ground_title=decision.ground_title,
            decided_at=decision.decided_at or timezone.now(),
            actor=actor,
        )


def suspend_case(decision: ProceduralDecision, actor: User) -> None:
    if decision.suspension_ground_id is None:
        raise Conflict(_("The decision names no ground of suspension."))
    case_apply_transition(
        case_id=decision.case_id,
        transition="suspend",
        actor=actor,
        reason=_reason(decision),
        ground=decision.suspension_ground,
    )


def cancel_termination(decision: ProceduralDecision, actor: User) -> None:
    """Cancel an unlawful termination (or suspension): the case is under investigation again."""
    case = lock_case_in_state(decision)
    transition = "cancel_termination" if case.status == CaseStatus.TERMINATED else "resume"
    case_apply_transition(case_id=case.pk, transition=transition, actor=actor, reason=_reason(decision))
    if transition == "cancel_termination":
        rehabilitation_cancel_for_case(case_id=case.pk, actor=actor, reason=_reason(decision))


def merge_case(decision: ProceduralDecision, actor: User) -> None:
    # Lock both cases in id order, so two opposite mergers cannot deadlock.
    main_case_id = decision.main_case_id
    assert main_case_id is not None  # noqa: S101 - required for the kind
    ids = sorted({decision.case_id, main_case_id})
    locked = {c.pk: c for c in Case.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")}
    main_case = locked[main_case_id]
    if main_case.status not in (CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED):
        raise Conflict(
            _("The main case is %(state)s; it can no longer absorb this case.")
            % {"state": main_case.get_status_display()}
        )
    case_apply_transition(
        case_id=decision.case_id, transition="merge_into", actor=actor, reason=_reason(decision), main_case=main_case
    )


def record_suspect(decision: ProceduralDecision, actor: User) -> None:
    case = lock_case_in_state(decision)
    person = decision.person
    if person is None:
        details = {"birth_date": decision.person_birth_date} if decision.person_birth_date else {}
        person = person_get_or_create(full_name=decision.person_full_name, iin=decision.person_iin, **details)
    if Participant.objects.filter(case=case, person=person, role=ParticipantRole.SUSPECT).exists():
        raise Conflict(_("%(person)s is already a suspect in this case.") % {"person": person.full_name})
    participant = Participant.objects.create(
        case=case,
        person=person,
        role=ParticipantRole.SUSPECT,
        qualification=decision.qualification,
        added_by=decision.author,
        added_at=decision.decided_at or timezone.now(),
    )
    decision.person = person
    decision.suspect_participant = participant
    follow_up = kind_spec(decision.kind).follow_up_rule
    if follow_up and decision.decided_at is not None:
        decision.suspect_notice_due_at = end_moment(term_rule(follow_up), decision.decided_at)
    audit_record(
        action="participant.recognised_suspect",
        obj=participant,
        actor=actor,
        case=case,
        to_state=ParticipantRole.SUSPECT,
        reason=_reason(decision),
        data={"person": person.full_name, "person_id": person.pk, "qualification": decision.qualification},
    )


def change_qualification(decision: ProceduralDecision, actor: User) -> None:
    case = lock_case_in_state(decision)
    previous = case.qualification
    case.qualification = decision.qualification
    case.save(update_fields=["qualification"])
    audit_record(
        action="case.qualification_changed",
        obj=case,
        actor=actor,
        case=case,
        reason=_reason(decision),
        data={"from": previous, "to": case.qualification},
    )


def extend_term(decision: ProceduralDecision, actor: User) -> None:
    case = lock_case_in_state(decision)
    new_term = decision.new_term_expires_at
    if new_term is None or new_term <= case.term_expires_at:
        raise Conflict(_("The case's investigation term is already at or past the requested date."))
    decision.previous_term_expires_at = case.term_expires_at
    case.term_expires_at = new_term
    case.save(update_fields=["term_expires_at"])
    audit_record(
        action="case.term_extended",
        obj=case,
        actor=actor,
        case=case,
        reason=_reason(decision),
        data={"from": decision.previous_term_expires_at, "to": new_term},
    )


def record_measure(decision: ProceduralDecision, actor: User) -> None:
    """On the judge's sanction: the measure is recorded with its end date (a clock of its own)."""
    case = lock_case_in_state(decision)
    if decision.measure_until is None:
        raise Conflict(_("The measure has no end date."))
    # A limit of liberty ends at 24:00 of its last day and never moves.
    decision.measure_expires_at = end_of_day(decision.measure_until)
    if decision.person_id is not None:
        # The court's sanction stops the person's detention clock (CPC Art. 131).
        detention_stop_by_sanction(
            case_id=case.pk, person_id=decision.person_id, actor=actor, reference=_reason(decision)
        )
    audit_record(
        action="decision.measure_recorded",
        obj=decision,
        actor=actor,
        case=case,
        reason=_reason(decision),
        data={
            "measure": decision.measure,
            "person_id": decision.person_id,
            "until": decision.measure_until,
        },
    )


def _review_action(review: str) -> Effect:
    def effect(decision: ProceduralDecision, actor: User) -> None:
        action = InvestigativeAction.objects.select_for_update().get(pk=decision.action_id or 0)
        if action.review != ActionReview.AWAITING_REVIEW:
            raise Conflict(_("The action has already been reviewed."))
        previous = action.review
        action.review = review
        action.save(update_fields=["review"])
        audit_record(
            action="action.reviewed",
            obj=action,
            actor=actor,
            case=decision.case,
            from_state=previous,
            to_state=review,
            reason=_reason(decision),
            data={"kind": action.kind, "evidence_admissible": review == ActionReview.LAWFUL},
        )

    effect.__name__ = f"mark_action_{review}"
    return effect


EFFECTS: dict[str, Effect] = {
    "record_suspect": record_suspect,
    "change_qualification": change_qualification,
    "terminate_case": terminate_case,
    "suspend_case": suspend_case,
    "resume_case": _case_transition("resume"),
    "extend_term": extend_term,
    "record_measure": record_measure,
    "send_case_to_court": _case_transition("send_to_court"),
    "mark_action_lawful": _review_action(ActionReview.LAWFUL),
    "mark_action_unlawful": _review_action(ActionReview.UNLAWFUL),
    "merge_case": merge_case,
    "cancel_termination": cancel_termination,
}


def apply(name: str, decision: ProceduralDecision, actor: User) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("effects run inside the decision's transaction")
    EFFECTS[name](decision, actor)
