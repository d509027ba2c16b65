"""The detention clock in the deadline scan: reminders 24, 6 and 1 hour before the end (each once, the
nearest only when several fall due at one scan), escalation to the senior prosecutor when the end passes,
and nothing more once the person is released."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ecase.deadline_sources import DETENTION_SOURCE
from ecase.models import Notice, NoticeStage, NoticeStatus, Notification
from ecase.reminders.services import deadline_scan
from ecase.services.detentions import detention_release


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    def _scan(now):
        with django_capture_on_commit_callbacks(execute=True):
            return deadline_scan(now=now)

    return _scan


def _notices(detention):
    return [
        (n.source, n.stage)
        for n in Notice.objects.filter(source__startswith=DETENTION_SOURCE, item_id=detention.pk).order_by("id")
    ]


def test_reminders_at_24_6_and_1_hour_then_escalation(detain, scan, world):
    detention = detain(timezone.now() - timedelta(hours=1))
    end = detention.ends_at
    for hours_before in (30, 20, 19, 5, 4, 0.5, 0.25):
        scan(end - timedelta(hours=hours_before))
    assert _notices(detention) == [
        ("ecase.detention@24h", NoticeStage.DUE_SOON),
        ("ecase.detention@6h", NoticeStage.DUE_SOON),
        ("ecase.detention@1h", NoticeStage.DUE_SOON),
    ]
    # Every reminder went to the investigator, and nobody else yet.
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"investigator_a"}
    assert Notification.objects.count() == 3
    assert not Notification.objects.filter(user=world.senior_a1).exists()

    scan(end + timedelta(minutes=1))  # the end has passed and the person is still held
    scan(end + timedelta(minutes=30))
    assert _notices(detention)[3:] == [("ecase.detention", NoticeStage.OVERDUE)]
    escalation = Notification.objects.get(user=world.senior_a1)
    assert "Detained Daulet" in escalation.title and escalation.level == "urgent"
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 4


def test_only_the_nearest_reminder_when_the_clock_is_recorded_late(detain, scan):
    detention = detain(timezone.now() - timedelta(hours=45))  # three hours left
    scan(timezone.now())
    assert _notices(detention) == [("ecase.detention@6h", NoticeStage.DUE_SOON)]


def test_a_released_person_gets_no_more_notices(detain, scan, world):
    detention = detain(timezone.now() - timedelta(hours=1))
    scan(detention.ends_at - timedelta(hours=20))
    detention_release(detention_id=detention.pk, actor=world.investigator_a)
    scan(detention.ends_at - timedelta(hours=5))
    scan(detention.ends_at + timedelta(minutes=5))
    assert _notices(detention) == [("ecase.detention@24h", NoticeStage.DUE_SOON)]
