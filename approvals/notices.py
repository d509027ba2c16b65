"""Notices of decisions: who is told what when a decision changes state (approvals.hooks listener).

- submitted: the supervising office's prosecutors (a new decision in their inbox; must act);
- approved / rejected: the author (to know); returned: the author (must revise);
- any change closes the decision's open notices and reminders first (its item was decided or moved on):
  "new decision to approve" and its deadline reminders are done once it is approved, rejected, returned
  or withdrawn; "returned" is done once the author revises or withdraws it.

The notices are written after the decision's transaction commits (ecase.notifications.services).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecase.choices import Role
from ecase.deadlines import item_key
from ecase.models import NotificationLevel
from ecase.notifications import events
from ecase.notifications.services import notices_close_on_commit, notices_emit_on_commit

from .choices import DecisionKind
from .deadlines import supervising_prosecutors
from .models import ProceduralDecision

SUBMITTED = "approvals.decision_submitted"
APPROVED = "approvals.decision_approved"
REJECTED = "approvals.decision_rejected"
RETURNED = "approvals.decision_returned"

_PROSECUTORS = frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR})
_AUTHORS = frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.SENIOR_PROSECUTOR})


def register_events() -> None:
    events.register(
        events.EventKind(
            key=SUBMITTED,
            label=_("A new decision awaits my approval"),
            title=_("New decision to approve: %(kind)s in case %(number)s"),
            body=_("Submitted by %(author)s. Decide by %(due)s (Almaty time)."),
            must_act=True,
            level=NotificationLevel.WARNING,
            email_default=False,
            roles=_PROSECUTORS,
        )
    )
    events.register(
        events.EventKind(
            key=APPROVED,
            label=_("A decision of mine was approved"),
            title=_("Approved: %(kind)s in case %(number)s"),
            body=_("Approved by %(reviewer)s."),
            roles=_AUTHORS,
        )
    )
    events.register(
        events.EventKind(
            key=REJECTED,
            label=_("A decision of mine was rejected"),
            title=_("Rejected: %(kind)s in case %(number)s"),
            body=_("Rejected by %(reviewer)s. Reason: %(reason)s"),
            level=NotificationLevel.WARNING,
            roles=_AUTHORS,
        )
    )
    events.register(
        events.EventKind(
            key=RETURNED,
            label=_("A decision of mine was returned for revision"),
            title=_("Returned for revision: %(kind)s in case %(number)s"),
            body=_("Returned by %(reviewer)s. Remarks: %(remarks)s"),
            must_act=True,
            level=NotificationLevel.WARNING,
            roles=_AUTHORS,
        )
    )


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "—"


def on_decision_changed(*, decision: ProceduralDecision, event: str) -> None:
    """approvals.hooks listener, inside the service's transaction: queue the notices for after commit."""
    subject = item_key(decision)
    common: dict[str, Any] = {
        "kind": events.translatable(DecisionKind(decision.kind).label),
        "number": decision.case.number,
    }
    url = reverse("approvals:detail", args=[decision.pk])
    reviewer = _name(decision.decided_by) if decision.decided_by_id else "—"
    if event == "submitted":
        notices_emit_on_commit(
            event=SUBMITTED,
            subject=subject,
            user_ids=[u.pk for u in supervising_prosecutors(decision)],
            params={**common, "author": _name(decision.author), "due": events.moment(decision.due_at)},
            url=url,
        )
    elif event == "approved":
        notices_emit_on_commit(
            event=APPROVED,
            subject=subject,
            user_ids=[decision.author_id],
            params={**common, "reviewer": reviewer},
            url=url,
        )
    elif event == "rejected":
        params = {**common, "reviewer": reviewer, "reason": decision.rejection_reason}
        notices_emit_on_commit(event=REJECTED, subject=subject, user_ids=[decision.author_id], params=params, url=url)
    elif event == "returned":
        params = {**common, "reviewer": reviewer, "remarks": decision.return_remarks}
        notices_emit_on_commit(event=RETURNED, subject=subject, user_ids=[decision.author_id], params=params, url=url)
    else:
        # revised, withdrawn, the court's outcome, the suspect told: what was asked of someone is done.
        notices_close_on_commit(subject=subject)
