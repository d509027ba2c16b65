"""Decision notices: submitted (the supervising prosecutors), approved, rejected, returned (the author), and
each closing itself when the decision is decided, returned, revised or withdrawn; the badge counts only
open, unread notices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approvals import services
from approvals.choices import DecisionKind
from approvals.notices import APPROVED, REJECTED, RETURNED, SUBMITTED
from ecase.models import Notification
from ecase.notifications.selectors import notification_unread_count

pytestmark = pytest.mark.django_db


def _notices(user, event):
    return list(Notification.objects.filter(user=user, message_key=event).order_by("pk"))


def _draft(decisions):
    return decisions.make(DecisionKind.SUSPENSION, "draft")


def test_submitted_tells_the_supervising_prosecutors_and_closes_on_approval(world, decisions, committed):
    decision = _draft(decisions)
    with committed():
        services.decision_submit(decision_id=decision.pk, actor=world.investigator_a)
    # The supervising office (district A1) has prosecutor_a1 and senior_a1; nobody else is told.
    told = set(Notification.objects.filter(message_key=SUBMITTED).values_list("user__username", flat=True))
    assert told == {"prosecutor_a1", "senior_a1"}
    notice = _notices(world.prosecutor_a1, SUBMITTED)[0]
    assert notice.must_act and notice.closed_at is None
    assert notice.url == reverse("approvals:detail", args=[decision.pk])
    number = decision.case.number
    assert notice.display_title == f"New decision to approve: Suspension of the investigation in case {number}"
    assert notification_unread_count(user=world.prosecutor_a1) == 1

    with committed():
        services.decision_approve(decision_id=decision.pk, actor=world.prosecutor_a1)
    notice.refresh_from_db()
    assert notice.closed_at is not None  # done: the decision was decided
    assert notice.read_at is None
    assert notification_unread_count(user=world.prosecutor_a1) == 0
    assert notification_unread_count(user=world.senior_a1) == 0
    approved = _notices(world.investigator_a, APPROVED)
    assert len(approved) == 1 and not approved[0].must_act
    assert approved[0].display_body == f"Approved by {world.prosecutor_a1.get_full_name()}."


@pytest.mark.parametrize(
    ("action", "event", "must_act"),
    [("reject", REJECTED, False), ("return", RETURNED, True)],
)
def test_rejected_and_returned_tell_the_author(world, decisions, committed, action, event, must_act):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    with committed():
        if action == "reject":
            services.decision_reject(decision_id=decision.pk, actor=world.prosecutor_a1, reason="Unfounded.")
        else:
            services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Fix the dates.")
    [notice] = _notices(world.investigator_a, event)
    assert notice.must_act is must_act
    assert ("Unfounded." if action == "reject" else "Fix the dates.") in notice.display_body
    # Nobody else hears of it; the prosecutors' "new decision" notices are done.
    assert Notification.objects.filter(message_key=event).count() == 1
    assert not Notification.objects.filter(message_key=SUBMITTED, closed_at__isnull=True).exists()


def test_returned_closes_when_the_author_revises_and_resubmission_tells_the_prosecutors_again(
    world, decisions, committed
):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    with committed():
        services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Fix the dates.")
    assert notification_unread_count(user=world.investigator_a) == 1
    with committed():
        services.decision_revise(decision_id=decision.pk, actor=world.investigator_a)
    [returned] = _notices(world.investigator_a, RETURNED)
    assert returned.closed_at is not None
    assert notification_unread_count(user=world.investigator_a) == 0
    with committed():
        services.decision_submit(decision_id=decision.pk, actor=world.investigator_a)
    open_submitted = Notification.objects.filter(message_key=SUBMITTED, closed_at__isnull=True)
    assert set(open_submitted.values_list("user__username", flat=True)) == {"prosecutor_a1", "senior_a1"}


def test_withdrawn_closes_every_notice_of_the_decision(world, decisions, committed):
    with committed():
        decision = decisions.make(DecisionKind.SUSPENSION, "returned")
    assert Notification.objects.filter(message_key=SUBMITTED).count() == 2
    assert notification_unread_count(user=world.investigator_a) == 1
    with committed():
        services.decision_withdraw(decision_id=decision.pk, actor=world.investigator_a, reason="Drafted in error.")
    assert not Notification.objects.filter(closed_at__isnull=True).exists()
    assert notification_unread_count(user=world.investigator_a) == 0


def test_a_failed_change_tells_nobody(world, decisions, committed):
    with committed():
        decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    with committed(), pytest.raises(Exception, match="reason"):
        services.decision_reject(decision_id=decision.pk, actor=world.prosecutor_a1, reason="  ")
    assert not Notification.objects.filter(message_key=REJECTED).exists()
    assert Notification.objects.filter(message_key=SUBMITTED, closed_at__isnull=True).count() == 2
