"""The linker: the single process that chains committed audit events, in order, after the fact.

Why
---
The old trail appended under a lock on one chain-head row, held until the writer's transaction committed:
every state change in the country queued behind the slowest open transaction (about 9 approvals/s with 10
clients, the same as with one). Now writers take no shared lock at all. ``audit_record`` draws `seq` from a
database sequence, stamps the event with the writer's MAC (HMAC under the chain key of its content, so a
row inserted without the key never verifies), and inserts it *unlinked* (`position` NULL, `link` empty).
The chain is built here, later, by one linker at a time.

Order, and why it is safe
-------------------------
Events may commit in any order, and a rolled-back transaction leaves a gap in `seq`. So the chain does not
follow `seq`: the linker gives each event a dense `position` (1, 2, 3, ...) and links it with
HMAC(key, previous link | position | MAC | recorded_at). A deleted or inserted event in the linked part
breaks the positions or the links, whatever the gaps in `seq`.

The linker must never link past an event that is still invisible (in flight), or that event would later be
linked after newer ones and the trail's time would go backwards. Each event carries `recorded_at`, the
database's STATEMENT_TIMESTAMP() of its INSERT, which is never earlier than its transaction's start. The
linker takes the *horizon* H = the earliest `xact_start` of any other client transaction now open in this
database (pg_stat_activity, after clearing the statistics snapshot), or the clock if none is open. Then:
- every event with recorded_at < H is already visible: its transaction started before H, so it is not among
  the open ones: it committed (visible to the next statement) or rolled back (gone for good);
- any event still to come has recorded_at >= H (its transaction is open now, or starts later).
So the linker links exactly the unlinked events with recorded_at < H, ordered by (recorded_at, seq), and
`recorded_at` never goes backwards along `position` - which ``verify_audit`` checks. A long open transaction
only delays linking (and the checkpoint staleness check would report a linker stuck for long).
The application's processes must all run as one PostgreSQL role (or the linker's role needs
pg_read_all_stats), so that pg_stat_activity shows their `xact_start`.

One linker at a time: a transaction-level advisory lock. It runs as a Celery beat task every few seconds, on
demand, and inline before every checkpoint and verification. The database triggers (migration 0020) allow
exactly one UPDATE per event - unlinked to linked, touching only `position` and `link` - and refuse every
other UPDATE, every DELETE and TRUNCATE.

What an unlinked event is exposed to: between its commit and its linking (seconds), someone with rights to
disable the triggers can delete it unnoticed by the chain (not by the state cross-check, when it was a
change of status). Linked events are covered by the chain; the chain's head by the signed checkpoints
outside the database.

SQLite (the embedded single-writer default): no concurrent writers, so the horizon is simply "now".
"""

from __future__ import annotations

from django.db import connection, transaction

from ecase.audit.crypto import GENESIS_LINK, chain_keys, chain_link, current_key
from ecase.models import AuditEvent

ADVISORY_LOCK = 0x65436173654C6E6B  # "eCaseLnk"
BATCH = 5000

_HORIZON_SQL = """
SELECT LEAST(clock_timestamp(), (
    SELECT min(xact_start) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND backend_type = 'client backend' AND xact_start IS NOT NULL
))
"""


def audit_link(*, batch: int = BATCH, wait: bool = True) -> int:
    """Link every committed event that may be linked now; returns how many were linked. With `wait` false,
    returns 0 at once when another linker holds the lock."""
    total = 0
    while True:
        linked = _link_batch(batch=batch, wait=wait)
        total += max(linked, 0)
        if linked < batch:
            return total


def _link_batch(*, batch: int, wait: bool) -> int:
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            if wait:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
            else:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK])
                if not cursor.fetchone()[0]:
                    return -1
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(_HORIZON_SQL)
            horizon = cursor.fetchone()[0]
        else:
            horizon = None
        last = AuditEvent.objects.filter(position__isnull=False).order_by("-position").values_list("position", "link")
        head = last.first()
        position, prev = (head[0] or 0, head[1]) if head else (0, GENESIS_LINK)
        # Through the ORM, so recorded_at is the same aware datetime the verifier reads (SQLite gives text).
        unlinked = AuditEvent.objects.filter(position__isnull=True)
        if horizon is not None:
            unlinked = unlinked.filter(recorded_at__lt=horizon)
        rows = list(unlinked.order_by("recorded_at", "seq").values_list("id", "key_id", "mac", "recorded_at")[:batch])
        if not rows:
            return 0
        keys = chain_keys()
        fallback = current_key()[1]
        updates: list[tuple[int, int, str]] = []
        for event_id, key_id, mac, recorded_at in rows:
            position += 1
            prev = chain_link(
                keys.get(key_id, fallback), prev_link=prev, position=position, mac=mac, recorded_at=recorded_at
            )
            updates.append((event_id, position, prev))
        _write_links(cursor, updates, postgres=postgres)
        return len(rows)


def _write_links(cursor, updates: list[tuple[int, int, str]], *, postgres: bool) -> None:  # type: ignore[no-untyped-def]
    if not postgres:
        cursor.executemany(
            "UPDATE ecase_auditevent SET position = %s, link = %s WHERE id = %s",
            [(position, link, event_id) for event_id, position, link in updates],
        )
        return
    for start in range(0, len(updates), 1000):
        chunk = updates[start : start + 1000]
        values = ", ".join(["(%s::bigint, %s::bigint, %s::varchar)"] * len(chunk))
        cursor.execute(
            f"UPDATE ecase_auditevent AS t SET position = v.position, link = v.link "  # noqa: S608 - fixed text
            f"FROM (VALUES {values}) AS v (id, position, link) WHERE t.id = v.id",
            [value for row in chunk for value in row],
        )
