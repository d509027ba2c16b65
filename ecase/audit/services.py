"""Appending to the audit trail. The only writer of AuditEvent rows (the linker only links them).

``audit_record`` takes no lock: the event's `seq` comes from a database sequence and its MAC is computed here,
under the chain key, before the INSERT. The chain itself is built after commit by ecase.audit.linker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from ecase.audit.crypto import current_key, event_mac
from ecase.choices import Role
from ecase.models import AuditEvent, AuditVerification, Case, User
from ecase.notifications.kinds import AUDIT_FAILED
from ecase.notifications.services import notices_emit

SEQUENCE = "ecase_auditevent_seq"  # created by migration 0020 (PostgreSQL)


def _normalise(data: dict[str, Any] | None) -> dict[str, Any]:
    # Store exactly what JSON gives back, so the MAC computed now equals the MAC computed on reload.
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, sort_keys=True))


def audit_next_seqs(count: int) -> list[int]:
    """`count` fresh sequence numbers, in order. PostgreSQL: from the sequence, without a lock (a rolled-back
    transaction leaves a gap, which the chain does not care about: its order is `position`). SQLite has a
    single writer, which makes MAX + 1 safe there."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [SEQUENCE, count])
            return sorted(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM ecase_auditevent")
        last = cursor.fetchone()[0]
        return list(range(last + 1, last + 1 + count))


def audit_record(
    *,
    action: str,
    obj: models.Model,
    actor: User | None,
    case: Case | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the caller's transaction, so the event commits or rolls back with
    the change it describes. `to_state` is empty for events that are not a change of status."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside transaction.atomic()")
    key_id, key = current_key()
    known = actor is not None and actor.pk
    event = AuditEvent(
        seq=audit_next_seqs(1)[0],
        occurred_at=timezone.now(),
        actor=actor if known else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor is not None and known else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case=case,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=_normalise(data),
        key_id=key_id,
    )
    event.mac = event_mac(key, event.content())
    event.save()
    return event


def audit_record_many(*, entries: list[dict[str, Any]]) -> list[AuditEvent]:
    """Append many events in two queries (one sequence fetch, one INSERT): each entry takes the keyword
    arguments of audit_record. For batch work (the nightly legality scan) whose query count must not grow
    with the number of changes. Same rules: inside the caller's transaction, MAC under the chain key."""
    if not entries:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record_many() must run inside transaction.atomic()")
    key_id, key = current_key()
    now = timezone.now()
    events = []
    for seq, entry in zip(audit_next_seqs(len(entries)), entries, strict=True):
        actor: User | None = entry.get("actor")
        known = actor is not None and bool(actor.pk)
        obj = entry["obj"]
        event = AuditEvent(
            seq=seq,
            occurred_at=now,
            actor=actor if known else None,
            actor_name=(actor.get_full_name() or actor.get_username()) if actor is not None and known else "system",
            action=entry["action"],
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            case=entry.get("case"),
            from_state=entry.get("from_state") or "",
            to_state=entry.get("to_state") or "",
            reason=entry.get("reason") or "",
            data=_normalise(entry.get("data")),
            key_id=key_id,
        )
        event.mac = event_mac(key, event.content())
        events.append(event)
    return AuditEvent.objects.bulk_create(events)


@dataclass(frozen=True)
class ChainBreak:
    seq: int  # the chain position where the break is
    event_id: int | None
    problem: str


def audit_verify_chain(*, chunk_size: int = 5000) -> Iterator[int | ChainBreak]:
    """Link what is committed, then walk the chain only (no checkpoints, no state). Yields the number of
    events checked so far and, at the first break, a ChainBreak. See ecase.audit.verify for the full check."""
    from ecase.audit.linker import audit_link
    from ecase.audit.verify import walk_chain

    audit_link()
    checked = 0
    for step in walk_chain(since=0, chunk_size=chunk_size):
        if isinstance(step, int):
            checked = step
            yield step
        elif step.check == "chain":
            yield ChainBreak(step.position, step.event_id, step.message)
            return
    yield checked


def audit_verification_run(
    *, since: int = 0, progress: Any = None, notify: bool = True, restored: bool = False
) -> AuditVerification:
    """Verify the whole trail (or from position `since`), store the run for the auditor's page and, on any
    failure, notify every active auditor in the app. `restored`: a restored backup, checked as of its own time
    (see ecase.audit.verify.check_checkpoints)."""
    from ecase.audit.verify import audit_verify, report_json

    started = timezone.now()
    report = audit_verify(since=since, progress=progress, restored=restored)
    first = next(iter(report.failures.values()), None)
    with transaction.atomic():
        run = AuditVerification.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            ok=report.ok,
            events_checked=report.events_checked,
            since_position=since,
            first_failure=f"{first.check}: {first.message}" if first else "",
            failures=report_json(report),
        )
        if not report.ok and notify:
            _notify_auditors(run)
    return run


def _notify_auditors(run: AuditVerification) -> None:
    auditors = User.objects.filter(is_active=True).filter(models.Q(role=Role.AUDITOR) | models.Q(is_superuser=True))
    notices_emit(
        event=AUDIT_FAILED,
        subject=f"ecase.auditverification:{run.pk}",
        user_ids=list(auditors.values_list("pk", flat=True)),
        params={"failure": run.first_failure},
        url=reverse("audit-page"),
        close=False,
    )
