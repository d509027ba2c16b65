"""The audit trail: events written without a lock and MAC'd by the writer, linked by the linker in order,
anchored by signed checkpoints, verified by `verify_audit`; keys rotate; the database refuses rewrites.

Tampering by someone with database rights is in test_audit_tamper.py (PostgreSQL).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from ecase.audit.checkpoints import audit_checkpoint_write, checkpoint_list
from ecase.audit.crypto import event_mac
from ecase.audit.linker import audit_link
from ecase.models import AuditEvent, AuditVerification

EVENTS = 4


@pytest.fixture
def chain(world, make_case) -> list[AuditEvent]:
    for i in range(EVENTS):
        make_case(summary=f"Theft of a bicycle from a courtyard, episode {i + 1}.")
    assert audit_link() == EVENTS
    audit_checkpoint_write()
    return list(AuditEvent.objects.order_by("position"))


def _verify(**options: object) -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, no_progress=True, **options)
    return out.getvalue()


def _failure() -> str:
    with pytest.raises(CommandError) as info:
        _verify()
    assert info.value.returncode == 1
    return str(info.value)


def test_events_are_written_unlinked_with_the_writers_mac_then_linked_in_order(world, make_case):
    make_case()
    make_case()
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.position for e in events] == [None, None]
    assert all(e.key_id == "test1" and e.mac == event_mac(b"test-audit-chain-key", e.content()) for e in events)
    assert audit_link() == 2
    assert audit_link() == 0  # idempotent
    linked = list(AuditEvent.objects.order_by("position"))
    assert [e.position for e in linked] == [1, 2]
    assert [e.seq for e in linked] == [e.seq for e in events]
    assert all(len(e.link) == 64 for e in linked) and linked[0].link != linked[1].link


def test_intact_trail_passes_and_the_run_is_stored(chain):
    assert _verify().strip() == f"Audit trail intact: {EVENTS} events"
    run = AuditVerification.objects.get()
    assert (run.ok, run.events_checked, run.first_failure) == (True, EVENTS, "")


def test_empty_trail_passes(db):
    assert _verify().strip() == "Audit trail intact: 0 events"


def test_since_checks_from_a_position_on(chain):
    assert _verify(since=2).strip() == f"Audit trail intact: {EVENTS - 2} events"


def test_a_trail_without_a_checkpoint_fails_and_notifies_the_auditors(world, make_case):
    make_case()
    message = _failure()
    assert "[checkpoints] no checkpoint newer than" in message
    run = AuditVerification.objects.get()
    assert not run.ok and run.first_failure.startswith("checkpoints:")
    notified = world.auditor.notifications.get()
    assert notified.level == "urgent" and "checkpoint" in notified.body


def test_checkpoints_are_numbered_signed_files_never_overwritten(chain, settings):
    audit_checkpoint_write()
    checkpoints = checkpoint_list()
    assert [c.name for c in checkpoints] == ["000000000001.json", "000000000002.json"]
    assert checkpoints[1].body["from_position"] == EVENTS and checkpoints[1].body["events"] == EVENTS
    path = settings.AUDIT_CHECKPOINT_DIR / "000000000001.json"
    with pytest.raises(FileExistsError):
        from ecase.audit.stores import DirectoryStore

        DirectoryStore().create(path.name, b"{}")


def test_public_key_command_prints_pem(db):
    out = io.StringIO()
    call_command("audit_public_key", stdout=out)
    assert out.getvalue().startswith("-----BEGIN PUBLIC KEY-----")


def test_key_rotation_keeps_old_events_verifying(chain, make_case):
    rotated = {
        "AUDIT_CHAIN_KEY": "the-next-audit-chain-key",
        "AUDIT_CHAIN_KEY_ID": "test2",
        "AUDIT_CHAIN_OLD_KEYS": "test1:test-audit-chain-key",
    }
    with override_settings(**rotated):
        make_case(summary="Written after the rotation.")
        assert "intact: 5 events" in _verify()
        assert list(AuditEvent.objects.order_by("position").values_list("key_id", flat=True)) == ["test1"] * 4 + [
            "test2"
        ]
    # Without the old key, the old events cannot be verified: named, not silently passed.
    with override_settings(**(rotated | {"AUDIT_CHAIN_OLD_KEYS": ""})):
        assert "unknown key id 'test1'" in _failure()


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
    event = AuditEvent.objects.get(position=2)
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        attempt(event)
    assert AuditEvent.objects.get(position=2).reason == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(chain, monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    call_command("verify_audit", stdout=io.StringIO())
    assert pipe.getvalue() == ""

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    call_command("verify_audit", stdout=io.StringIO())
    assert f"/{EVENTS}" in terminal.getvalue()
    assert "event" in terminal.getvalue()


def _refused(sql: str, match: str) -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_triggers_refuse_update_delete_truncate_and_allow_only_linking(chain, require_postgres):
    _refused("UPDATE ecase_auditevent SET reason = 'rewritten' WHERE position = 2", "append-only")
    _refused("UPDATE ecase_auditevent SET position = 99 WHERE position = 2", "append-only")  # re-linking
    _refused("DELETE FROM ecase_auditevent WHERE position = 2", "append-only")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL ecase.allow_audit_truncate = off")  # the test runner's flush exemption
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending foreign-key checks first
    _refused("TRUNCATE ecase_auditevent CASCADE", "TRUNCATE refused")
    _refused(
        "INSERT INTO ecase_auditevent (seq, occurred_at, actor_name, action, object_type, object_id, from_state, "
        "to_state, reason, data, key_id, mac, position, link) VALUES (999, now(), 'x', 'x', 'x', '1', '', '', '', "
        "'{}', 'test1', 'x', 5, 'x')",
        "inserted unlinked",
    )
    assert AuditEvent.objects.count() == EVENTS and "intact" in _verify()


def test_the_app_role_of_the_readme_cannot_rewrite_the_trail(chain, require_postgres):
    """The README's least-privilege role: INSERT and the linker's UPDATE of two columns, nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE ecase_app_test NOLOGIN")  # rolled back with the test
        cursor.execute("GRANT SELECT, INSERT ON ecase_auditevent TO ecase_app_test")
        cursor.execute('GRANT UPDATE ("position", link) ON ecase_auditevent TO ecase_app_test')
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL ROLE ecase_app_test")
    for sql in (
        "UPDATE ecase_auditevent SET reason = 'rewritten' WHERE position = 2",
        "DELETE FROM ecase_auditevent WHERE position = 2",
        "TRUNCATE ecase_auditevent",
        "ALTER TABLE ecase_auditevent DISABLE TRIGGER ALL",
    ):
        _refused(sql, "permission denied|must be owner")
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
