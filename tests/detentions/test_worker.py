"""The detention clock's reminders through a real Celery worker on Redis, against PostgreSQL: a detention
whose end is 50 minutes away yields its 1-hour reminder, delivered once by the worker, even when the scan
runs three times and the message is duplicated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ecase.deadline_sources import DETENTION_SOURCE
from ecase.models import EmailDelivery, Notice, NoticeStage, NoticeStatus, Notification
from ecase.reminders.services import deadline_scan, notices_enqueue
from tests.deadlines.test_worker import (  # noqa: F401 - fixtures of the worker tests
    SUCCEEDED,
    emails_of,
    mail_dir,
    queue,
    start_worker,
    wait_for,
)

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_the_one_hour_reminder_of_a_detention_through_a_worker(
    require_postgres,
    queue,  # noqa: F811
    start_worker,  # noqa: F811
    mail_dir,  # noqa: F811
    detain,
    world,
):
    worker = start_worker(queue=queue)
    detention = detain(timezone.now() - timedelta(hours=47, minutes=10))  # 50 minutes left
    results = [deadline_scan() for _ in range(3)]
    assert [r.recorded_total for r in results] == [1, 0, 0]
    notice = Notice.objects.get(source__startswith=DETENTION_SOURCE, item_id=detention.pk)
    assert (notice.source, notice.stage) == (f"{DETENTION_SOURCE}@1h", NoticeStage.DUE_SOON)

    def sent() -> bool:
        notice.refresh_from_db()
        return notice.status == NoticeStatus.SENT

    wait_for(sent, 60, "the detention reminder to be sent", worker)
    notices_enqueue([notice.pk, notice.pk])  # duplicated messages change nothing
    wait_for(lambda: worker.count(SUCCEEDED) >= 3, 60, "the duplicates to be consumed", worker)
    assert list(Notification.objects.filter(notice=notice).values_list("user", flat=True)) == [world.investigator_a.pk]
    assert EmailDelivery.objects.filter(notice=notice, sent_at__isnull=False).count() == 1
    assert emails_of(mail_dir, notice) == 1
    assert Notice.objects.filter(source__startswith=DETENTION_SOURCE, item_id=detention.pk).count() == 1
