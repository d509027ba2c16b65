"""The tasks and the beat schedule as configured (their real execution is in test_worker.py)."""

from __future__ import annotations

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from ecase import celery_app
from ecase.models import Notice, Notification, User
from ecase.tasks import scan_deadlines_task, send_notice_task

from .conftest import almaty

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_is_data_an_administrator_can_edit():
    task = PeriodicTask.objects.get(name="scan deadlines")
    assert task.task == "ecase.scan_deadlines"
    assert (task.interval.every, task.interval.period) == (5, "minutes")
    assert task.enabled
    assert task.expire_seconds == 240


def test_tasks_are_registered_with_safe_options():
    assert {"ecase.scan_deadlines", "ecase.send_notice"} <= set(celery_app.tasks)
    for task in (scan_deadlines_task, send_notice_task):
        assert task.acks_late is True
        assert task.time_limit and task.soft_time_limit and task.soft_time_limit < task.time_limit
    assert send_notice_task.max_retries and send_notice_task.retry_backoff
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert celery_app.conf.task_serializer == "json"


def test_the_scan_task_runs_the_scan(world, case_due, django_capture_on_commit_callbacks):
    case_due(almaty(2026, 11, 24, 18, 0))
    with time_machine.travel(almaty(2026, 11, 23, 10, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            result = scan_deadlines_task.apply().get()
    assert result == {"recorded": 1, "enqueued": 1}
    assert Notification.objects.filter(user=world.investigator_a).count() == 1


def test_the_send_task_of_a_missing_notice_does_nothing(db):
    assert send_notice_task.apply(args=[987654]).get() == "busy"


def test_admin_lists_notices_and_notifications_read_only(world, case_due, scan, client):
    case_due(almaty(2026, 11, 24, 18, 0))
    with time_machine.travel(almaty(2026, 11, 23, 10, 0), tick=False):
        scan()
    admin_user = User.objects.create_superuser("root", "root@example.kz", "x")
    client.force_login(admin_user)
    notice_list = client.get("/admin/ecase/notice/")
    assert notice_list.status_code == 200
    assert "ecase.case_term" in notice_list.content.decode()
    notice = Notice.objects.get()
    detail = client.get(f"/admin/ecase/notice/{notice.pk}/change/")
    assert detail.status_code == 200
    assert 'name="status"' not in detail.content.decode()  # nothing editable
    assert client.get("/admin/ecase/notice/add/").status_code == 403
    assert client.get("/admin/ecase/notification/").status_code == 200
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 200
