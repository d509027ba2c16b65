"""The linker never links past an event still in flight: two real transactions on PostgreSQL commit out of
order, and the chain still follows the order in which they were recorded."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from ecase.audit.linker import audit_link
from ecase.audit.services import audit_record
from ecase.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_event_committed_early_waits_for_an_older_one_still_in_flight(require_postgres, world):
    inserted, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                audit_record(action="test.slow", obj=world.auditor, actor=world.auditor)
                inserted.set()
                release.wait(timeout=30)
        except BaseException as error:  # noqa: BLE001 - re-raised below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert inserted.wait(timeout=30)
    with transaction.atomic():
        audit_record(action="test.fast", obj=world.auditor, actor=world.auditor)
    # "fast" committed, but "slow" (recorded earlier, still open) holds the horizon: nothing may be linked yet.
    assert audit_link() == 0
    release.set()
    thread.join(timeout=30)
    assert not errors, errors
    assert audit_link() == 2
    linked = list(AuditEvent.objects.order_by("position").values_list("action", "seq"))
    assert [action for action, _seq in linked] == ["test.slow", "test.fast"]
    recorded = list(AuditEvent.objects.order_by("position").values_list("recorded_at", flat=True))
    assert recorded == sorted(recorded)
