"""Tampering with the audit trail as an insider with full rights on PostgreSQL would, each variant on a fresh
seeded trail (every test rolls back its own): `verify_audit` fails and names the problem.

The attacker runs any SQL with the triggers off (``SET LOCAL session_replication_role = replica``, what a
superuser can do), and may run the project's own code, but does not hold the chain key nor the checkpoint
key, and cannot rewrite what is already in the checkpoint store.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings

from ecase.audit.checkpoints import audit_checkpoint_write
from ecase.audit.crypto import chain_link, event_mac
from ecase.audit.linker import audit_link
from ecase.audit.services import audit_record
from ecase.models import AuditEvent, Case

pytestmark = pytest.mark.usefixtures("require_postgres")

CASES = 6
WRONG_KEY = b"the attacker's guess at the key"


@pytest.fixture
def trail(world, make_case) -> list[AuditEvent]:
    for i in range(CASES):
        make_case(summary=f"Theft of a bicycle from a courtyard, episode {i + 1}.")
    audit_link()
    audit_checkpoint_write()
    events = list(AuditEvent.objects.order_by("position"))
    assert len(events) == CASES
    assert "intact" in _verify()
    return events


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, no_progress=True, no_notify=True)
    return out.getvalue()


def _detected() -> str:
    with pytest.raises(CommandError) as info:
        _verify()
    assert info.value.returncode == 1
    return str(info.value)


def _as_attacker(*statements: tuple[str, list[object]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks (TRUNCATE refuses them)
        cursor.execute("SET LOCAL session_replication_role = replica")  # every trigger off: a superuser's power
        for sql, params in statements:
            cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def _rechain(start: int, key: bytes) -> None:
    """Recompute MACs and links from `start` to the head with `key`, with the project's own functions."""
    prev = AuditEvent.objects.get(position=start - 1).link if start > 1 else "0" * 64
    for event in AuditEvent.objects.filter(position__gte=start).order_by("position"):
        mac = event_mac(key, event.content())
        prev = chain_link(key, prev_link=prev, position=event.position or 0, mac=mac, recorded_at=event.recorded_at)
        _as_attacker(("UPDATE ecase_auditevent SET mac = %s, link = %s WHERE id = %s", [mac, prev, event.pk]))


def test_control_untouched_trail_passes(trail):
    assert _verify().strip() == f"Audit trail intact: {CASES} events"


def test_update_of_a_middle_event(trail):
    _as_attacker(("UPDATE ecase_auditevent SET reason = 'nothing happened here' WHERE position = 3", []))
    message = _detected()
    assert "[chain] position 3" in message and "does not match its MAC" in message


def test_delete_of_a_middle_event(trail):
    _as_attacker(("DELETE FROM ecase_auditevent WHERE position = 3", []))
    assert "[chain] the event at position 3 is missing (next present: position 4" in _detected()


def test_insert_of_a_middle_event(trail):
    forged = trail[2]
    _as_attacker(
        ("UPDATE ecase_auditevent SET position = position + 1000 WHERE position >= 3", []),
        ("UPDATE ecase_auditevent SET position = position - 999 WHERE position >= 1000", []),
        (
            "INSERT INTO ecase_auditevent (seq, occurred_at, recorded_at, actor_name, action, object_type, object_id, "
            "case_id, from_state, to_state, reason, data, key_id, mac, position, link) "
            "SELECT seq + 100000, occurred_at, recorded_at, 'forger', 'case.terminated', object_type, object_id, "
            "case_id, '', '', '', '{}', key_id, mac, 3, link FROM ecase_auditevent WHERE id = %s",
            [forged.pk],
        ),
    )
    message = _detected()
    assert "[chain] position 3" in message and "does not match its MAC" in message


def test_delete_of_the_last_events_with_the_head_moved_back(trail):
    _as_attacker(("DELETE FROM ecase_auditevent WHERE position > %s", [CASES - 2]))
    message = _detected()
    assert "[checkpoints] the trail is shorter than checkpoint 000000000001.json" in message
    assert f"it certified {CASES} events, the trail ends at position {CASES - 2}" in message


def test_forged_append_with_the_projects_code_under_a_wrong_key(trail, world):
    case = Case.objects.order_by("pk").last()
    assert case is not None
    with override_settings(AUDIT_CHAIN_KEY=WRONG_KEY.decode()), transaction.atomic():
        audit_record(action="case.terminated", obj=case, actor=world.prosecutor_a1, case=case, reason="backdated")
    with override_settings(AUDIT_CHAIN_KEY=WRONG_KEY.decode()):
        audit_link()
    message = _detected()
    assert f"[chain] position {CASES + 1}" in message and "case.terminated" in message
    assert "not written by the application" in message


def test_middle_rewrite_with_the_tail_rechained_under_a_wrong_key(trail):
    _as_attacker(("UPDATE ecase_auditevent SET reason = 'rewritten' WHERE position = 3", []))
    _rechain(3, WRONG_KEY)
    message = _detected()
    assert "[chain] position 3" in message and "does not match its MAC" in message
    assert "[checkpoints] the trail differs from checkpoint 000000000001.json" in message


def test_truncate_with_the_head_reset(trail):
    _as_attacker(("TRUNCATE ecase_auditevent", []))
    message = _detected()
    assert "[checkpoints] the trail is shorter than checkpoint 000000000001.json" in message
    assert "the trail ends at position 0" in message
    assert "[state] ecase.case" in message and "no status event at all" in message


def test_case_status_changed_by_sql_without_an_event(trail):
    case = Case.objects.order_by("pk").first()
    assert case is not None
    _as_attacker(("UPDATE ecase_case SET status = 'terminated' WHERE id = %s", [case.pk]))
    message = _detected()
    assert f"[state] ecase.case {case.pk} is 'terminated' but its last audit event says" in message
    assert "[chain]" not in message


def test_timestamp_moved_backwards(trail):
    _as_attacker(
        (
            "UPDATE ecase_auditevent SET recorded_at = recorded_at - interval '1 day', "
            "occurred_at = occurred_at - interval '1 day' WHERE position = 4",
            [],
        )
    )
    message = _detected()
    assert "[time] position 4" in message and "time goes backwards" in message


def test_deleted_checkpoint_file_is_reported_missing(trail, settings):
    audit_checkpoint_write()
    audit_checkpoint_write()
    (settings.AUDIT_CHECKPOINT_DIR / "000000000002.json").unlink()
    message = _detected()
    assert "[checkpoints] checkpoint 000000000002.json is missing from the store" in message


def test_a_stale_checkpoint_is_a_failure(trail, settings):
    settings.AUDIT_CHECKPOINT_MAX_AGE_MINUTES = 0
    assert "[checkpoints] no checkpoint newer than" in _detected()


def test_a_forged_checkpoint_signature_fails(trail, settings):
    path = settings.AUDIT_CHECKPOINT_DIR / "000000000001.json"
    path.chmod(0o644)
    path.write_text(path.read_text().replace('"events": 6', '"events": 7'))
    assert "000000000001.json: its signature does not verify" in _detected()


def test_a_tampered_trail_gets_no_fresh_checkpoint(trail):
    _as_attacker(("DELETE FROM ecase_auditevent WHERE position > %s", [CASES - 2]))
    with pytest.raises(CommandError, match="Checkpoint refused"):
        call_command("audit_checkpoint", stdout=io.StringIO())


def test_timestamps_stay_in_order_under_the_linker(trail):
    recorded = list(AuditEvent.objects.order_by("position").values_list("recorded_at", flat=True))
    assert recorded == sorted(recorded)
    assert max(recorded) - min(recorded) < timedelta(hours=1)
