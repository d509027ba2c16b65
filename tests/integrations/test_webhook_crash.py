"""A sender process killed in the middle of a delivery loses nothing: a new one sends the rest, in order;
the receiver sees the interrupted event again with the same event id (and a valid signature)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from ecase.audit.services import audit_record
from ecase.models import AuditEvent
from integrations.scopes import Scope
from integrations.services.webhooks import webhook_create
from integrations.signing import signature_verify

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _sender(log: Path) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "ecase.settings.test"}
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "webhooks_send"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def test_killed_mid_delivery_then_restarted_every_event_once_in_order(
    make_service, make_case, receiver, require_postgres, tmp_path
):
    service = make_service(scopes=[Scope.WEBHOOKS, Scope.CASES_READ])
    subscription = webhook_create(account=service.account, url=receiver.url, event_types=[], actor=service.account.user)
    case = make_case()
    with transaction.atomic():
        for _ in range(19):
            audit_record(action="test.changed", obj=case, actor=None, case=case)
    expected = [str(s) for s in AuditEvent.objects.filter(case=case).order_by("seq").values_list("seq", flat=True)]
    assert len(expected) == 20
    receiver.hang_on = expected[7]

    first = _sender(tmp_path / "sender.log")
    assert receiver.hung.wait(60), (tmp_path / "sender.log").read_text()
    os.kill(first.pid, signal.SIGKILL)  # killed while the receiver holds the 8th delivery open
    first.wait(10)
    receiver.release.set()
    time.sleep(0.2)

    second = _sender(tmp_path / "sender.log")
    assert second.wait(120) == 0, (tmp_path / "sender.log").read_text()

    ids = [e["id"] for e in receiver.events()]
    unique = list(dict.fromkeys(ids))
    assert unique == expected  # every event, in order
    assert ids == expected[:8] + expected[7:]  # the one interrupted arrives twice, with the same id
    for headers, body in receiver.received:
        assert signature_verify(secret=subscription.secret, body=body, header=headers["x-ecase-signature"])
