"""Named predicates for procedural decisions: who may do what to which decision.

They answer "may this person act on this decision at all", independent of its current state; the state
is the FSM's business (a wrong state is a 409, a wrong person a 403, an invisible decision a 404). The
FSM transitions (`permission=`), the services, the API and the templates use the same predicates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ecase.choices import OrganisationKind, Role
from ecase.models import Case, User

from .choices import Issuer
from .kinds import kind_spec


class DecisionLike(Protocol):
    """What the predicates read of a decision (approvals.models.ProceduralDecision has it; the model imports
    this module for its FSM guards, so this module does not import the model)."""

    @property
    def author_id(self) -> int | None: ...

    @property
    def case(self) -> Case: ...


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_supervising_prosecutor(user: User, case: Case) -> bool:
    """A prosecutor (or senior prosecutor) of the office that supervises the case."""
    return _active(user) and user.is_prosecutor and user.organisation_id == case.supervising_office_id


def is_case_investigator(user: User, case: Case) -> bool:
    """An investigator of the case's investigation body."""
    return _active(user) and user.role == Role.INVESTIGATOR and user.organisation_id == case.investigation_body_id


def can_create(user: User, case: Case, kind: str) -> bool:
    """Investigators of the case's body draft the kinds investigators issue; the supervising office's
    prosecutors draft the kinds prosecutors issue (the cancellation of a termination)."""
    spec = kind_spec(kind)
    if not spec.drafted_by_hand:
        return False
    if spec.issued_by == Issuer.PROSECUTOR:
        return is_supervising_prosecutor(user, case)
    return is_case_investigator(user, case)


def can_author_act(user: User, decision: DecisionLike) -> bool:
    """Submit, edit, revise, withdraw, attach documents: the author only."""
    return _active(user) and user.pk == decision.author_id


def can_issue(user: User, decision: DecisionLike) -> bool:
    """A prosecutor-issued decision is issued by its author, a prosecutor of the supervising office."""
    return can_author_act(user, decision) and is_supervising_prosecutor(user, decision.case)


def can_review(user: User, decision: DecisionLike) -> bool:
    """Approve, reject, return: a prosecutor of the supervising office, never on their own decision."""
    return is_supervising_prosecutor(user, decision.case) and user.pk != decision.author_id


def can_record_court_outcome(user: User, decision: DecisionLike) -> bool:
    """A judge of the court (or the court's integration client) whose region covers the case."""
    if not _active(user) or user.role != Role.JUDGE:
        return False
    court = user.organisation
    if court is None or court.kind != OrganisationKind.COURT or court.parent is None:
        return False
    return decision.case.supervising_office.path.startswith(court.parent.path)


def can_use_inbox(user: User) -> bool:
    return _active(user) and user.is_prosecutor


def can_use_court_queue(user: User) -> bool:
    return _active(user) and user.role == Role.JUDGE


def can_draft_any(user: User) -> bool:
    """Whether the user drafts decisions at all (the "My decisions" page)."""
    return _active(user) and (user.role == Role.INVESTIGATOR or user.is_prosecutor)


# Who may trigger each POST action (the state is the FSM's business): the web views and the API ask here.
ACTION_PREDICATES: dict[str, Callable[[User, DecisionLike], bool]] = {
    "submit": can_author_act,
    "revise": can_author_act,
    "withdraw": can_author_act,
    "issue": can_issue,
    "approve": can_review,
    "reject": can_review,
    "return": can_review,
    "court-outcome": can_record_court_outcome,
    "suspect-notified": can_author_act,
}


def may(user: User, decision: DecisionLike, action: str) -> bool:
    return ACTION_PREDICATES[action](user, decision)
