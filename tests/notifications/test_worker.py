"""A real Celery worker (a subprocess) on Redis delivers the e-mail and the SMS of a notice: a prosecutor
returns a decision, the investigator (who chose e-mail and SMS) gets both from the worker, in his language,
and the delivery log says sent. PostgreSQL only (the worker must see committed rows); Redis from REDIS_URL;
a queue of this test alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest

from approvals import services
from approvals.choices import DecisionKind
from approvals.notices import RETURNED
from ecase import celery_app
from ecase.models import Delivery, DeliveryStatus
from ecase.notifications.preferences import preferences_update
from tests.approvals.factories import DecisionMaker
from tests.deadlines.test_worker import ROOT, Worker, _database_url, _forget_queue, wait_for
from tests.notifications.test_sms import Gateway

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_env() -> dict[str, str]:
    return {}


@pytest.fixture
def worker(
    require_postgres, settings, redis_url: str, tmp_path: Path, worker_env: dict[str, str]
) -> Iterator[tuple[Worker, Path, Path]]:
    queue = f"ecase-test-{uuid4().hex[:12]}"
    mail_dir, sms_dir = tmp_path / "mail", tmp_path / "sms"
    mail_dir.mkdir()
    sms_dir.mkdir()
    settings.NOTICE_DELIVERY_QUEUE = queue
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _database_url(),
        "ECASE_TEST_EMAIL_DIR": str(mail_dir),
        "ECASE_TEST_SMS_DIR": str(sms_dir),
        "NOTICE_DELIVERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
        **worker_env,
    }
    command = [sys.executable, "-m", "celery", "-A", "ecase", "worker", "-P", "solo", "-l", "info", "-Q", queue]
    command += ["-n", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Worker(proc=proc, log=log, name=queue)
    try:
        wait_for(lambda: " ready." in running.log_text() or proc.poll() is not None, 60, "the worker", running)
        if proc.poll() is not None:
            pytest.fail(f"the worker exited with {proc.returncode}\n{running.log_text()[-4000:]}")
        yield running, mail_dir, sms_dir
    finally:
        running.stop()
        celery_app.conf.task_always_eager = eager
        _forget_queue(redis_url, queue)


def test_the_worker_delivers_a_returned_decision_by_email_and_sms(worker, world, make_case):
    running, mail_dir, sms_dir = worker
    investigator = world.investigator_a
    preferences_update(
        user=investigator, items=[{"event": RETURNED, "email": True, "sms": True}], language="ru", phone="+77011234567"
    )
    decision = DecisionMaker(world, make_case).make(DecisionKind.SUSPENSION, "pending")
    services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Уточните даты.")

    def delivered() -> bool:
        rows = Delivery.objects.filter(user=investigator)
        return rows.count() == 2 and all(d.status == DeliveryStatus.SENT for d in rows)

    wait_for(delivered, 60, "the e-mail and the SMS to be delivered", running)
    email = Delivery.objects.get(user=investigator, channel="email")
    sms = Delivery.objects.get(user=investigator, channel="sms")
    assert (email.recipient, email.attempts, sms.recipient, sms.attempts) == (
        investigator.email,
        1,
        "+77011234567",
        1,
    )
    mails = "".join(p.read_text(errors="replace") for p in mail_dir.iterdir())
    assert f"Message-ID: <delivery-{email.pk}@ecase>" in mails
    [sms_file] = list(sms_dir.glob("*.json"))
    message = json.loads(sms_file.read_text(encoding="utf-8"))
    assert message["to"] == "+77011234567" and message["reference"] == f"delivery-{sms.pk}"
    assert decision.case.number in message["text"] and "Уточните даты." in message["text"]
    assert "Возвращено" in message["text"], message["text"]  # in the investigator's language (Russian)
    assert running.count(r"Task ecase\.deliver_notice\[[^\]]+\] succeeded") == 2


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    with Gateway() as running:
        yield running


class TestFailingGateway:
    @pytest.fixture
    def worker_env(self, gateway: Gateway) -> dict[str, str]:
        return {"ECASE_TEST_SMS_GATEWAY": gateway.url}

    def test_the_worker_retries_with_backoff_and_logs_it(self, worker, gateway, world, make_case):
        running, _mail_dir, _sms_dir = worker
        gateway.script = [503]  # the first attempt fails; Celery's autoretry sends it again after the backoff
        preferences_update(user=world.investigator_a, items=[{"event": RETURNED, "sms": True}], phone="+77011234567")
        decision = DecisionMaker(world, make_case).make(DecisionKind.SUSPENSION, "pending")
        services.decision_return(decision_id=decision.pk, actor=world.prosecutor_a1, remarks="Fix the dates.")

        def sent() -> bool:
            return Delivery.objects.filter(channel="sms", status=DeliveryStatus.SENT).exists()

        wait_for(sent, 60, "the SMS to be sent after a retry", running)
        sms = Delivery.objects.get(channel="sms")
        assert (sms.attempts, sms.error) == (2, "")
        assert [r["auth"] for r in gateway.requests] == ["Bearer gateway-test-token"] * 2
        assert running.count(r"Task ecase\.deliver_notice\[[^\]]+\] retry: Retry in") == 1
