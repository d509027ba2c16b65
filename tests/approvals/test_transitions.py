"""Every transition from every state for every role, through the API, from one table.

    (state, action) -> target state          the FSM of DESIGN.md
    action -> roles who may do it             the guards
    roles who see the decision                the visibility (the others get 404)

Expected: 404 if the role cannot see the decision; 403 if it may not do the action; 409 if the action is not
possible from the state; else 200 and the target state. A refused request changes nothing: not the
decision, not the case, not the audit trail.
"""

from __future__ import annotations

import pytest

from approvals.choices import DecisionKind, DecisionStatus
from approvals.models import ProceduralDecision
from ecase.models import AuditEvent

S = DecisionStatus
ACTIONS = ["submit", "issue", "approve", "reject", "return", "revise", "withdraw", "court-outcome"]
PAYLOAD = {
    "submit": {},
    "issue": {},
    "approve": {"note": "Lawful and well founded."},
    "reject": {"reason": "The ground does not follow from the materials."},
    "return": {"remarks": "Attach the expert's report."},
    "revise": {},
    "withdraw": {"reason": "Drafted in error."},
    "court-outcome": {"outcome": "sanctioned", "reason": "The grounds for custody are proven."},
}
ROLES = {
    "author": "investigator_a",
    "colleague": "investigator_a2",  # same investigation body: sees, may not act for the author
    "other_body": "investigator_a3",  # another body: does not see
    "prosecutor": "prosecutor_a1",  # the supervising office
    "senior": "senior_a1",  # the supervising office's senior prosecutor
    "regional": "senior_a",  # the higher office: sees, is not the supervising office
    "sibling": "prosecutor_a2",  # a sibling district office: does not see
    "other_region": "prosecutor_b1",
    "judge": "judge_a",  # the court of the region
    "auditor": "auditor",
    "citizen": "citizen",
}
VISIBLE = {"author", "colleague", "prosecutor", "senior", "regional"}
# Least privilege (issue 16): the auditor sees no decision; the judge only those filed with the court.
COURT_STATES = {S.COURT_PENDING, S.SANCTIONED, S.DENIED}
WHO = {
    "submit": {"author"},
    "issue": set(),  # investigators' kinds are never issued directly (see the cancellation table below)
    "approve": {"prosecutor", "senior"},
    "reject": {"prosecutor", "senior"},
    "return": {"prosecutor", "senior"},
    "revise": {"author"},
    "withdraw": {"author"},
    "court-outcome": {"judge"},
}
COMMON = {
    (S.DRAFT, "submit"): S.PENDING,
    (S.PENDING, "reject"): S.REJECTED,
    (S.PENDING, "return"): S.RETURNED,
    (S.RETURNED, "revise"): S.DRAFT,
    (S.DRAFT, "withdraw"): S.WITHDRAWN,
    (S.RETURNED, "withdraw"): S.WITHDRAWN,
}
TRANSITIONS = {
    DecisionKind.TERMINATION: {**COMMON, (S.PENDING, "approve"): S.APPROVED},
    # A preventive measure goes from the prosecutor to the judge: approval files it with the court.
    DecisionKind.PREVENTIVE_MEASURE: {
        **COMMON,
        (S.PENDING, "approve"): S.COURT_PENDING,
        (S.COURT_PENDING, "court-outcome"): S.SANCTIONED,
    },
}
STATES = {
    DecisionKind.TERMINATION: [S.DRAFT, S.PENDING, S.RETURNED, S.APPROVED, S.REJECTED, S.WITHDRAWN],
    DecisionKind.PREVENTIVE_MEASURE: [
        S.DRAFT,
        S.PENDING,
        S.RETURNED,
        S.REJECTED,
        S.WITHDRAWN,
        S.COURT_PENDING,
        S.SANCTIONED,
        S.DENIED,
    ],
}


def expected(kind: str, state: str, action: str, role: str) -> tuple[int, str | None]:
    if role not in VISIBLE and not (role == "judge" and state in COURT_STATES):
        return 404, None
    if role not in WHO[action]:
        return 403, None
    target = TRANSITIONS[kind].get((state, action))
    return (200, target) if target else (409, None)


def _snapshot(decision: ProceduralDecision) -> tuple:
    decision.refresh_from_db()
    case = decision.case
    case.refresh_from_db()
    return (decision.status, decision.updated_at, case.status, case.term_expires_at, AuditEvent.objects.count())


ROWS = [(kind, state, action) for kind in STATES for state in STATES[kind] for action in ACTIONS]


@pytest.mark.parametrize("kind, state, action", ROWS, ids=[f"{k}-{s}-{a}" for k, s, a in ROWS])
def test_transition_table(kind, state, action, decisions, world, api_as):
    refused = [r for r in ROLES if expected(kind, state, action, r)[0] != 200]
    allowed = [r for r in ROLES if expected(kind, state, action, r)[0] == 200]
    shared = decisions.make(kind, state)
    before = _snapshot(shared)
    for role in refused:
        code, _target = expected(kind, state, action, role)
        response = api_as(getattr(world, ROLES[role])).post(
            f"/api/v1/decisions/{shared.pk}/{action}/", PAYLOAD[action], format="json"
        )
        assert response.status_code == code, (kind, state, action, role, response.json())
        assert set(response.json()) == {"code", "message", "fields"}
        assert _snapshot(shared) == before, (kind, state, action, role, "changed something")
    for role in allowed:
        decision = decisions.make(kind, state)
        events_before = AuditEvent.objects.count()
        response = api_as(getattr(world, ROLES[role])).post(
            f"/api/v1/decisions/{decision.pk}/{action}/", PAYLOAD[action], format="json"
        )
        code, target = expected(kind, state, action, role)
        assert response.status_code == code, (kind, state, action, role, response.json())
        assert response.json()["status"] == target
        decision.refresh_from_db()
        assert decision.status == target
        assert AuditEvent.objects.count() > events_before
        # The transition is in the audit trail with its actor, states and reason.
        event = (
            AuditEvent.objects.filter(object_type="approvals.proceduraldecision", object_id=str(decision.pk))
            .exclude(action__in=["decision.signed", "decision.sent_to_court", "decision.measure_recorded"])
            .latest("seq")
        )
        assert event.actor == getattr(world, ROLES[role])
        assert event.from_state == state
        assert event.case_id == decision.case_id
        if action in ("reject", "return"):
            assert event.reason == next(iter(PAYLOAD[action].values()))


# The cancellation of a termination: the supervising office's prosecutor issues it, nobody approves it.
CANCELLATION_ROWS = [
    # (state, action, user, expected status, target)
    (S.DRAFT, "issue", "prosecutor_a1", 200, S.APPROVED),
    (S.DRAFT, "issue", "senior_a1", 403, None),  # not the author
    (S.DRAFT, "issue", "investigator_a", 403, None),
    (S.DRAFT, "issue", "prosecutor_a2", 404, None),
    (S.DRAFT, "submit", "prosecutor_a1", 409, None),  # needs no approval: nothing to submit
    (S.DRAFT, "approve", "senior_a1", 409, None),
    (S.DRAFT, "approve", "prosecutor_a1", 403, None),  # never on one's own decision
    (S.DRAFT, "withdraw", "prosecutor_a1", 200, S.WITHDRAWN),
    (S.DRAFT, "withdraw", "senior_a1", 403, None),
    (S.APPROVED, "issue", "prosecutor_a1", 409, None),
    (S.APPROVED, "withdraw", "prosecutor_a1", 409, None),
    (S.APPROVED, "reject", "senior_a1", 409, None),
    (S.WITHDRAWN, "issue", "prosecutor_a1", 409, None),
]


@pytest.mark.parametrize("state, action, username, code, target", CANCELLATION_ROWS)
def test_cancellation_table(state, action, username, code, target, decisions, world, api_as):
    decision = decisions.make(DecisionKind.TERMINATION_CANCELLATION, state)
    before = _snapshot(decision)
    response = api_as(getattr(world, username)).post(
        f"/api/v1/decisions/{decision.pk}/{action}/", PAYLOAD[action], format="json"
    )
    assert response.status_code == code, response.json()
    if target is None:
        assert _snapshot(decision) == before
    else:
        decision.refresh_from_db()
        assert decision.status == target
