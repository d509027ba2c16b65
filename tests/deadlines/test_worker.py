"""Real Celery workers (subprocesses) on a real broker against the test database.

- Redis: an item that becomes due yields exactly one notice after three scans, a forced retry (the first
  attempt fails, Celery's autoretry runs it again) and duplicated messages.
- Redis: a worker killed with SIGKILL in the middle of a notice task loses nothing: the message it had taken
  is handed to the next worker (acks_late), which sends the notice exactly once.
- No Redis: the README's run command (worker with embedded beat, filesystem broker, the database schedule)
  really runs the scan on its schedule and delivers the notice.

PostgreSQL only (the workers must see committed rows of the test database); Redis from REDIS_URL. Each test
uses its own queue name, so stale messages of other runs cannot interfere.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
import redis
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from ecase import celery_app
from ecase.choices import CaseCategory
from ecase.deadline_sources import CASE_TERM_SOURCE
from ecase.models import Case, EmailDelivery, InvestigationTerm, Notice, NoticeStatus, Notification
from ecase.reminders.services import deadline_scan, notices_enqueue
from ecase.terms.choices import TermUnit
from tests.deadlines.conftest import TERM_HOURS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def wait_for(condition: Callable[[], object], timeout: float, what: str, worker: Worker | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = worker.log_text()[-4000:] if worker else ""
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n--- worker log ---\n{log}")


@dataclass
class Worker:
    proc: subprocess.Popen[bytes]
    log: Path
    name: str
    stopped: bool = field(default=False)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.log_text()))

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.stopped = True

    def stop(self) -> None:
        if self.stopped or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)  # the worker and an embedded beat process
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.stopped = True


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    path = tmp_path / "mail"
    path.mkdir()
    return path


def emails_of(mail_dir: Path, notice: Notice) -> int:
    marker = f"Message-ID: <notice-{notice.pk}."
    return sum(p.read_text(errors="replace").count(marker) for p in mail_dir.iterdir())


def _forget_queue(redis_url: str, name: str) -> None:
    """Remove the queue and kombu's binding keys for it (their names vary between kombu versions)."""
    client = redis.Redis.from_url(redis_url)
    keys = [name, *client.scan_iter(match=f"_kombu.binding*{name}")]
    client.delete(*keys)


@pytest.fixture
def queue(settings, redis_url: str) -> Iterator[str]:
    """A queue of this test alone; the test process publishes for real (not eagerly) while it runs."""
    name = f"ecase-test-{uuid4().hex[:12]}"
    settings.DEADLINE_NOTICE_QUEUE = name
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield name
    celery_app.conf.task_always_eager = eager
    _forget_queue(redis_url, name)


@pytest.fixture
def start_worker(tmp_path: Path, mail_dir: Path) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def _start(*, queue: str, env: dict[str, str] | None = None, beat: bool = False) -> Worker:
        n = len(workers) + 1
        name = f"{queue}-{n}@%h"
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.deadlines.worker_settings",
            "DATABASE_URL": _database_url(),
            "ECASE_TEST_EMAIL_DIR": str(mail_dir),
            "DEADLINE_NOTICE_QUEUE": queue,
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        command = [sys.executable, "-m", "celery", "-A", "ecase", "worker", "-P", "solo", "-l", "info"]
        command += ["-Q", queue, "-n", name, "--without-gossip", "--without-mingle", "--without-heartbeat"]
        if beat:
            command += ["-B", "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"]
        log = tmp_path / f"worker-{n}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        worker = Worker(proc=proc, log=log, name=name)
        workers.append(worker)
        wait_for(lambda: " ready." in worker.log_text() or proc.poll() is not None, 60, "the worker to start", worker)
        if proc.poll() is not None:
            pytest.fail(f"the worker exited with {proc.returncode}\n{worker.log_text()[-4000:]}")
        return worker

    yield _start
    for worker in workers:
        worker.stop()


@pytest.fixture
def due_case(world, make_case) -> Callable[[], Case]:
    """A case whose investigation term ends in two hours (real time: the workers do not time-travel). The
    category's term is configured in hours (real time) so the end is an exact moment, as in conftest.case_due."""
    InvestigationTerm.objects.filter(category=CaseCategory.PROPERTY).update(amount=TERM_HOURS, unit=TermUnit.HOURS)

    def _make() -> Case:
        return make_case(category=CaseCategory.PROPERTY, registered_at=timezone.now() + timedelta(hours=2 - TERM_HOURS))

    return _make


def _notice_of(case: Case) -> Notice:
    (notice,) = Notice.objects.filter(source=CASE_TERM_SOURCE, item_id=case.pk)
    return notice


def _sent(case: Case) -> Callable[[], bool]:
    return lambda: Notice.objects.filter(source=CASE_TERM_SOURCE, item_id=case.pk, status=NoticeStatus.SENT).exists()


SUCCEEDED = r"Task ecase\.send_notice\[[^\]]+\] succeeded"


def test_three_scans_a_forced_retry_and_duplicates_send_exactly_one_notice(
    require_postgres, queue, start_worker, due_case, mail_dir, world
):
    worker = start_worker(queue=queue, env={"ECASE_DEBUG_NOTICE_FAIL_ATTEMPTS": "1"})
    case = due_case()
    results = [deadline_scan() for _ in range(3)]
    assert [r.recorded_total for r in results] == [1, 0, 0]
    wait_for(_sent(case), 60, "the notice to be sent", worker)
    notice = _notice_of(case)
    notices_enqueue([notice.pk, notice.pk])  # duplicated messages
    wait_for(lambda: worker.count(SUCCEEDED) >= 3, 60, "the duplicates to be consumed", worker)

    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.SENT, 2)  # the failed attempt and its retry
    assert worker.count(r"Task ecase\.send_notice\[[^\]]+\] retry: Retry in") == 1
    assert list(Notification.objects.filter(notice=notice).values_list("user", flat=True)) == [world.investigator_a.pk]
    assert EmailDelivery.objects.filter(notice=notice, sent_at__isnull=False).count() == 1
    assert emails_of(mail_dir, notice) == 1
    assert Notice.objects.filter(source=CASE_TERM_SOURCE, item_id=case.pk).count() == 1


def test_a_worker_killed_mid_task_loses_nothing_and_sends_once(
    require_postgres, queue, start_worker, due_case, mail_dir, settings, world
):
    first = start_worker(queue=queue, env={"ECASE_DEBUG_NOTICE_PAUSE": "45"})
    case = due_case()
    deadline_scan()
    # The worker has locked the notice and recorded its recipients, uncommitted, and sleeps: kill it there.
    wait_for(lambda: "test hook: pausing" in first.log_text(), 60, "the task to reach the pause", first)
    first.kill()
    (task_id,) = re.findall(r"Task ecase\.send_notice\[([^\]]+)\] received", first.log_text())

    notice = _notice_of(case)
    assert (notice.status, notice.attempts) == (NoticeStatus.PENDING, 0)  # nothing half-written
    assert not Notification.objects.filter(notice=notice).exists()
    assert emails_of(mail_dir, notice) == 0

    # A new worker: the broker hands it the message the dead one had taken but never acknowledged.
    second = start_worker(queue=queue, env={"ECASE_TEST_VISIBILITY_TIMEOUT": "2"})
    wait_for(_sent(case), 90, "the notice to be sent after the restart", second)
    assert f"Task ecase.send_notice[{task_id}] succeeded" in second.log_text()  # the very message, redelivered
    # And nothing more arrives: a rescan that re-queues every pending notice, plus a duplicated message.
    settings.DEADLINE_RESEND_AFTER_MINUTES = 0
    assert deadline_scan().enqueued == 0
    notices_enqueue([notice.pk])
    wait_for(lambda: second.count(SUCCEEDED) >= 2, 60, "the duplicate to be consumed", second)

    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert Notification.objects.filter(notice=notice).count() == 1
    assert emails_of(mail_dir, notice) == 1


def test_a_lost_message_is_sent_by_the_next_scan(require_postgres, queue, start_worker, due_case, mail_dir, settings):
    """The other recovery path: the message is gone (here: published to a queue no worker reads), so the
    notice stays pending; the next scan after the grace period queues it again and it is sent once."""
    case = due_case()
    settings.DEADLINE_NOTICE_QUEUE = f"{queue}-void"
    deadline_scan()
    notice = _notice_of(case)
    assert notice.status == NoticeStatus.PENDING and notice.enqueued_at is not None
    settings.DEADLINE_NOTICE_QUEUE = queue
    worker = start_worker(queue=queue)
    assert deadline_scan().enqueued == 0  # within the grace period: not yet presumed lost
    settings.DEADLINE_RESEND_AFTER_MINUTES = 0
    assert deadline_scan().enqueued == 1
    wait_for(_sent(case), 60, "the re-queued notice to be sent", worker)
    assert Notification.objects.filter(notice=notice).count() == 1
    assert emails_of(mail_dir, notice) == 1
    _forget_queue(os.environ["REDIS_URL"], f"{queue}-void")


def test_embedded_worker_and_beat_without_redis_run_the_schedule(
    require_postgres, start_worker, due_case, mail_dir, tmp_path
):
    """What scripts/run.sh starts on a fresh machine: a worker with embedded beat, the database scheduler and
    kombu's filesystem broker. The "scan deadlines" schedule (from the data migration) runs every 2 seconds
    here, as an administrator could set it in the admin."""
    task = PeriodicTask.objects.get(name="scan deadlines")
    assert (task.task, task.interval.every, task.interval.period) == ("ecase.scan_deadlines", 5, "minutes")
    task.interval, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    task.save()
    case = due_case()
    broker = tmp_path / "broker"
    (broker / "queue").mkdir(parents=True)
    (broker / "processed").mkdir()
    worker = start_worker(
        queue="celery",
        beat=True,
        env={"REDIS_URL": "", "CELERY_BROKER_DIR": str(broker), "DEADLINE_NOTICE_QUEUE": ""},
    )
    wait_for(_sent(case), 90, "beat to scan and the worker to send the notice", worker)
    assert "filesystem" in worker.log_text()
    assert Notification.objects.filter(notice=_notice_of(case)).count() == 1
    assert emails_of(mail_dir, _notice_of(case)) == 1
