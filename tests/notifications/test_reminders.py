"""Deadline reminders: keyed messages rendered in the reader's language, closed when their item is decided
(at once by the decision's event, and by the scan for any source), the badge counting only open work, and
the migration that keys the reminders written before."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone, translation

from approvals import services
from approvals.choices import DecisionKind
from approvals.deadlines import PENDING_SOURCE
from ecase.models import Notice, Notification
from ecase.notifications.selectors import notification_unread_count
from ecase.reminders.services import deadline_scan, notice_deliver

pytestmark = pytest.mark.django_db


def _remind(decision) -> Notice:
    """Record and deliver a "due soon" reminder of the pending decision, as the scan would."""
    notice = Notice.objects.create(
        source=PENDING_SOURCE, item_id=decision.pk, stage="due_soon", deadline=decision.due_at
    )
    notice_deliver(notice_id=notice.pk)
    return notice


def test_a_reminder_is_read_in_the_readers_language(world, decisions):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    notice = _remind(decision)
    reminder = Notification.objects.get(notice=notice, user=world.prosecutor_a1)
    assert reminder.message_key == "deadline.due_soon" and reminder.must_act
    assert reminder.display_title == f"Due soon: Suspension of the investigation in case {decision.case.number}"
    with translation.override("ru"):
        title, body = reminder.rendered()
    assert title.startswith("Скоро срок") and "Приостановление" in title, title
    assert "Решение ожидает прокурора" in body, body
    with translation.override("kk"):
        title, _body = reminder.rendered()
    assert decision.case.number in title and not title.startswith("Due soon"), title


def test_a_reminder_is_done_when_its_decision_is_decided(world, decisions, committed):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    _remind(decision)
    assert notification_unread_count(user=world.prosecutor_a1) == 1
    with committed():
        services.decision_approve(decision_id=decision.pk, actor=world.prosecutor_a1)
    assert not Notification.objects.filter(notice__isnull=False, closed_at__isnull=True).exists()
    assert notification_unread_count(user=world.prosecutor_a1) == 0


def test_the_scan_closes_reminders_of_items_decided_without_an_event(world, decisions):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    notice = _remind(decision)
    # Decided without committing its on-commit work (no event reached the notices): the scan's net catches it.
    services.decision_reject(decision_id=decision.pk, actor=world.prosecutor_a1, reason="Unfounded.")
    assert Notification.objects.filter(notice=notice, closed_at__isnull=True).count() == 2
    result = deadline_scan(enqueue=lambda ids: None)
    assert result.closed == 2
    assert not Notification.objects.filter(notice=notice, closed_at__isnull=True).exists()
    # An open item keeps its reminder.
    other = decisions.make(DecisionKind.SUSPENSION, "pending")
    _remind(other)
    assert deadline_scan(enqueue=lambda ids: None).closed == 0


def test_the_migration_keys_old_reminders(world, decisions):
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    notice = Notice.objects.create(
        source=PENDING_SOURCE,
        item_id=decision.pk,
        stage="overdue",
        deadline=timezone.now() - timedelta(hours=1),
        description=f"Suspension of the investigation in case {decision.case.number}",
    )
    legacy = Notification.objects.create(
        user=world.prosecutor_a1,
        notice=notice,
        level="urgent",
        title=f"Overdue, escalated: Suspension of the investigation in case {decision.case.number}",
        body="Decision awaiting the prosecutor. Deadline: ...",
    )
    plain = Notification.objects.create(user=world.auditor, level="urgent", title="Frozen text", body="As it was.")
    migration = importlib.import_module("ecase.migrations.0022_notices_keyed_messages_deliveries_preferences")
    migration.key_existing_reminders(django_apps, None)
    legacy.refresh_from_db()
    assert (legacy.message_key, legacy.must_act) == ("deadline.overdue", True)
    assert legacy.subject == f"approvals.proceduraldecision:{decision.pk}"
    assert legacy.display_title == f"Overdue, escalated: Suspension of the investigation in case {decision.case.number}"
    with translation.override("ru"):
        assert "Решение ожидает прокурора" in legacy.rendered()[1]
    plain.refresh_from_db()
    assert plain.message_key == "" and plain.rendered() == ("Frozen text", "As it was.")


def test_a_reminder_goes_by_sms_and_email_as_chosen_in_the_recipients_language(world, decisions, sms_outbox, committed):
    from django.core import mail

    from ecase.notifications.preferences import preferences_update

    preferences_update(
        user=world.prosecutor_a1,
        items=[{"event": "deadline.due_soon", "email": True, "sms": True}],
        language="ru",
        phone="+77011234567",
    )
    preferences_update(user=world.senior_a1, items=[{"event": "deadline.due_soon", "email": False}])
    decision = decisions.make(DecisionKind.SUSPENSION, "pending")
    mail.outbox.clear()
    with translation.override("kk"), committed():  # whatever language the worker runs in
        _remind(decision)
    [sms] = sms_outbox
    assert sms["to"] == "+77011234567" and sms["text"].startswith("eCase: Скоро срок"), sms
    [email] = mail.outbox  # the senior chose no e-mail
    assert email.to == [world.prosecutor_a1.email] and "Скоро срок" in email.subject
