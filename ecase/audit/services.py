"""Appending to the audit trail. The only writer of AuditEvent."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from ecase.audit.models import GENESIS_HASH
from ecase.models import AuditChainHead, AuditEvent, Case, User


def _normalise(data: dict[str, Any] | None) -> dict[str, Any]:
    # Store exactly what JSON gives back, so the hash computed now equals the hash computed on reload.
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, sort_keys=True))


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
    """Append one event to the chain. Must run inside the caller's transaction, so the event commits
    or rolls back with the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside transaction.atomic()")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor is not None and actor.pk else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case=case,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=_normalise(data),
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    AuditChainHead.objects.filter(pk=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: int | None
    problem: str


def audit_verify_chain(*, chunk_size: int = 5000) -> Iterator[int | ChainBreak]:
    """Walk the chain in order. Yields the number of events checked so far (for progress) and stops
    at the first break, which it yields as a ChainBreak."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    events: Iterable[AuditEvent] = AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size)
    for event in events:
        if event.seq != expected_seq:
            yield ChainBreak(expected_seq, None, f"event #{expected_seq} is missing (next present is #{event.seq})")
            return
        if event.prev_hash != expected_prev:
            yield ChainBreak(event.seq, event.pk, "its previous-hash link does not match the event before it")
            return
        if event.compute_hash() != event.hash:
            yield ChainBreak(event.seq, event.pk, "its content does not match its hash (the row was altered)")
            return
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
        if checked % chunk_size == 0:
            yield checked
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = head.last_seq if head else 0
    last_hash = head.last_hash if head else GENESIS_HASH
    if last_seq != expected_seq - 1 or last_hash != expected_prev:
        yield ChainBreak(expected_seq, None, f"events after #{expected_seq - 1} are missing (head is #{last_seq})")
        return
    yield checked
