"""Every (state, action, role) of the complaint state machine, with the outcome the rules promise.

Outcomes: the target state (or "same" for actions that keep the state: extend, appeal), 403 (may see,
may not act), 404 (may not see), 409 (the state does not allow the action).
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from complaints import services
from complaints.choices import ComplaintStatus as S
from complaints.choices import ExplanationForm
from complaints.models import Complaint, ComplaintExplanation
from ecase.exceptions import Conflict

pytestmark = pytest.mark.django_db

ALL_STATES = list(S.values)

# action -> (source states, target state or "same")
TRANSITIONS = {
    "register": ({S.SUBMITTED}, S.IN_REVIEW),
    "satisfy": ({S.IN_REVIEW}, S.SATISFIED),
    "partially_satisfy": ({S.IN_REVIEW}, S.PARTIALLY_SATISFIED),
    "forward": ({S.IN_REVIEW}, S.FORWARDED),
    "propose_refusal": ({S.IN_REVIEW}, S.REFUSAL_PENDING_EXPLANATION),
    "record_explanation": ({S.REFUSAL_PENDING_EXPLANATION}, S.REFUSED),
    "extend": ({S.SUBMITTED, S.IN_REVIEW, S.REFUSAL_PENDING_EXPLANATION}, "same"),
    "appeal": ({S.REFUSED, S.PARTIALLY_SATISFIED}, "same"),
}

# Roles, relative to a complaint of district office A1 filed by `citizen`, executor prosecutor_a1.
ROLES = {
    "executor": "prosecutor_a1",
    "senior_of_office": "senior_a1",
    "senior_above": "senior_a",
    "sibling_prosecutor": "prosecutor_a2",
    "other_region": "prosecutor_b1",
    "investigator": "investigator_a",
    "auditor": "auditor",
    "owner": "citizen",
    "other_citizen": "citizen2",
}
OK = "ok"
_INVISIBLE = {"sibling_prosecutor": 404, "other_region": 404, "investigator": 404, "other_citizen": 404}
_DECIDE = {"executor": OK, "senior_of_office": OK, "senior_above": OK, "auditor": 403, "owner": 403, **_INVISIBLE}
_SENIOR = {**_DECIDE, "executor": 403}
RIGHTS = {
    "register": _DECIDE,
    "satisfy": _DECIDE,
    "partially_satisfy": _DECIDE,
    "forward": _DECIDE,
    "propose_refusal": _DECIDE,
    "record_explanation": _SENIOR,
    "extend": _SENIOR,
    "appeal": {**_DECIDE, "owner": OK},
}


def expected(state: str, action: str, role: str):
    right = RIGHTS[action][role]
    if right != OK:
        return right
    sources, target = TRANSITIONS[action]
    if state not in sources:
        return 409
    return state if target == "same" else target


def run(action: str, complaint: Complaint, actor, world):
    pk = complaint.pk
    if action == "register":
        return services.complaint_register(
            complaint_id=pk, actor=actor, office_id=world.dist_a1.pk, executor_id=world.prosecutor_a1.pk
        )
    if action in ("satisfy", "partially_satisfy", "propose_refusal"):
        return getattr(services, f"complaint_{action}")(complaint_id=pk, actor=actor, answer="Reasoned answer.")
    if action == "forward":
        return services.complaint_forward(complaint_id=pk, actor=actor, body="Akimat of Almaty")
    if action == "record_explanation":
        return services.complaint_record_explanation(
            complaint_id=pk,
            actor=actor,
            held_at=timezone.now(),
            form=ExplanationForm.IN_PERSON,
            participants="The complainant and the senior prosecutor",
            summary="Reasons explained.",
        )
    if action == "extend":
        complaint = Complaint.objects.select_related("kind").get(pk=pk)
        return services.complaint_extend(
            complaint_id=pk,
            actor=actor,
            until=complaint.kind.extension_limit_from(complaint.received_at),
            reason="Materials requested from the police.",
        )
    if action == "appeal":
        return services.complaint_appeal(complaint_id=pk, actor=actor, text="I disagree with the answer.")
    raise AssertionError(action)


CASES = list(itertools.product(ALL_STATES, TRANSITIONS, ROLES))


@pytest.mark.parametrize(("state", "action", "role"), CASES, ids=["-".join(c) for c in CASES])
def test_transition_table(state, action, role, world, complaint_in):
    complaint = complaint_in(state)
    actor = getattr(world, ROLES[role])
    want = expected(state, action, role)
    try:
        with transaction.atomic():
            run(action, complaint, actor, world)
        got = "done"
    except ObjectDoesNotExist:
        got = 404
    except PermissionDenied:
        got = 403
    except Conflict:
        got = 409
    after = Complaint.objects.get(pk=complaint.pk)
    if isinstance(want, int):
        assert got == want
        assert after.status == state  # nothing changed
        return
    assert got == "done"
    assert after.status == want
    if action == "extend":
        assert after.extended_until == after.due_at > after.initial_due_at
    if action == "appeal":
        appeal = Complaint.objects.get(appeal_of=complaint)
        assert appeal.office == world.reg_a
        assert appeal.status == S.SUBMITTED


# --- the refusal rule, in the model itself ---------------------------------------------------------


def test_model_record_explanation_requires_an_explanation_object(complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    with pytest.raises(TypeError):
        complaint.record_explanation()  # the transition has no form without an explanation
    with pytest.raises(ValidationError):
        complaint.record_explanation(explanation=None)
    with pytest.raises(ValidationError):
        complaint.record_explanation(explanation=ComplaintExplanation())  # not recorded (unsaved)
    assert complaint.status == S.REFUSAL_PENDING_EXPLANATION


def test_model_explanation_must_be_recorded_by_a_senior_prosecutor(world, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    by_prosecutor = ComplaintExplanation.objects.create(
        held_at=timezone.now(),
        form="phone",
        participants="x",
        summary="y",
        recorded_by=world.prosecutor_a1,
        given_by=world.prosecutor_a1,
    )
    with pytest.raises(ValidationError):
        complaint.record_explanation(explanation=by_prosecutor)
    assert complaint.status == S.REFUSAL_PENDING_EXPLANATION


def test_no_transition_from_in_review_straight_to_refused(complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    explanation_less = [name for name in dir(Complaint) if name == "refuse"]
    assert explanation_less == []
    with pytest.raises(TransitionNotAllowed):
        complaint.record_explanation(explanation=None)


def test_status_field_is_protected(complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    with pytest.raises(AttributeError):
        complaint.status = S.REFUSED


def test_database_refuses_refused_without_explanation(complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    # Bypass the model entirely: the check constraint still holds.
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(status=S.REFUSED)
    assert Complaint.objects.get(pk=complaint.pk).status == S.REFUSAL_PENDING_EXPLANATION


def test_database_refuses_explanation_on_a_complaint_not_refused(world, complaint_in):
    complaint = complaint_in(S.REFUSAL_PENDING_EXPLANATION)
    explanation = ComplaintExplanation.objects.create(
        held_at=timezone.now(),
        form="phone",
        participants="x",
        summary="y",
        recorded_by=world.senior_a1,
        given_by=world.senior_a1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(explanation=explanation)


def test_second_extension_is_a_conflict(world, complaint_in):
    complaint = complaint_in(S.IN_REVIEW)
    until = complaint.due_at + timedelta(days=3)
    services.complaint_extend(complaint_id=complaint.pk, actor=world.senior_a1, until=until, reason="Materials.")
    with pytest.raises(Conflict):
        services.complaint_extend(
            complaint_id=complaint.pk, actor=world.senior_a1, until=until + timedelta(days=1), reason="Again."
        )


def test_second_appeal_is_a_conflict(world, complaint_in):
    complaint = complaint_in(S.REFUSED)
    services.complaint_appeal(complaint_id=complaint.pk, actor=world.citizen, text="First appeal.")
    with pytest.raises(Conflict):
        services.complaint_appeal(complaint_id=complaint.pk, actor=world.citizen, text="Second appeal.")
    assert Complaint.objects.filter(appeal_of=complaint).count() == 1
