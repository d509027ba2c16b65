"""The audit trail is append-only and hash-chained; `verify_audit` names the first broken link.

An attacker with database rights is simulated with raw SQL. On PostgreSQL a trigger refuses UPDATE and
DELETE, so the attacker first disables it (the test's transaction rolls the ALTER TABLE back); on SQLite
there is no trigger and the raw statement goes through directly.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from ecase.models import AuditChainHead, AuditEvent

EVENTS = 4


@pytest.fixture
def chain(world, make_case) -> list[AuditEvent]:
    for i in range(EVENTS):
        make_case(summary=f"Theft of a bicycle from a courtyard, episode {i + 1}.")
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, EVENTS + 1))
    return events


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, no_progress=True)
    return out.getvalue()


def _broken() -> CommandError:
    with pytest.raises(CommandError) as info:
        _verify()
    assert info.value.returncode == 1
    return info.value


def _as_attacker(sql: str, params: list[object]) -> None:
    """Run a write on the audit table the way someone with direct database rights would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own inserts left deferred FK checks pending; ALTER TABLE needs them fired first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE ecase_auditevent DISABLE TRIGGER ecase_audit_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE ecase_auditevent ENABLE TRIGGER ecase_audit_append_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_intact_chain_passes(chain):
    assert _verify().strip() == f"Audit chain intact: {EVENTS} events"


def test_empty_chain_passes(db):
    assert _verify().strip() == "Audit chain intact: 0 events"


def test_altered_row_is_named(chain):
    _as_attacker("UPDATE ecase_auditevent SET reason = %s WHERE seq = %s", ["nothing happened here", 2])
    error = _broken()
    message = str(error)
    assert "#2" in message
    assert f"id={chain[1].pk}" in message
    assert "action=case.registered" in message
    assert f"object=ecase.case:{chain[1].object_id}" in message
    assert "altered" in message


def test_plain_write_refused_by_postgresql_trigger_or_detected_on_sqlite(chain):
    if connection.vendor == "postgresql":
        # The database itself refuses: the append-only trigger.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE ecase_auditevent SET reason = 'rewritten' WHERE seq = 2")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM ecase_auditevent WHERE seq = 2")
        assert AuditEvent.objects.get(seq=2).reason == ""
        assert "intact" in _verify()
    else:
        # SQLite has no trigger: the raw write goes through, and the chain check catches it.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ecase_auditevent SET reason = 'rewritten' WHERE seq = 2")
        assert AuditEvent.objects.get(seq=2).reason == "rewritten"
        assert "#2" in str(_broken())


def test_removed_middle_row_is_named(chain):
    _as_attacker("DELETE FROM ecase_auditevent WHERE seq = %s", [3])
    message = str(_broken())
    assert "#3 is missing" in message
    assert "next present is #4" in message


def test_removed_tail_is_detected_through_the_chain_head(chain):
    _as_attacker("DELETE FROM ecase_auditevent WHERE seq = %s", [EVENTS])
    message = str(_broken())
    assert f"after #{EVENTS - 1} are missing" in message
    assert AuditChainHead.objects.get(pk=1).last_seq == EVENTS


def test_relinked_row_is_named(chain):
    # Rewriting an event and recomputing its own hash still breaks the next event's link.
    victim = AuditEvent.objects.get(seq=2)
    victim.reason = "rewritten"
    new_hash = victim.compute_hash()
    _as_attacker("UPDATE ecase_auditevent SET reason = %s, hash = %s WHERE seq = %s", ["rewritten", new_hash, 2])
    message = str(_broken())
    assert "#3" in message
    assert "previous-hash link" in message


@pytest.mark.parametrize(
    "attempt",
    [
        lambda e: e.save(),
        lambda e: e.delete(),
        lambda e: AuditEvent.objects.filter(pk=e.pk).update(reason="x"),
        lambda e: AuditEvent.objects.filter(pk=e.pk).delete(),
        lambda e: AuditEvent.objects.all().delete(),
    ],
    ids=["save", "delete", "queryset-update", "queryset-delete", "delete-all"],
)
def test_model_refuses_changes(chain, attempt: Callable[[AuditEvent], object]):
    event = AuditEvent.objects.get(seq=2)
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        attempt(event)
    assert AuditEvent.objects.get(seq=2).reason == ""
    assert AuditEvent.objects.count() == EVENTS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(chain, monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    call_command("verify_audit", stdout=io.StringIO(), chunk_size=2)
    assert pipe.getvalue() == ""

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    call_command("verify_audit", stdout=io.StringIO(), chunk_size=2)
    assert f"/{EVENTS}" in terminal.getvalue()
    assert "event" in terminal.getvalue()
