"""Verification of the audit trail: every check names its first failure.

- chain: positions 1, 2, 3, ... with no gap; each event's MAC under its key id (written by the application,
  not inserted by hand) and its link over the previous one;
- time: `recorded_at` (the database's clock at insert) never goes backwards along the chain, and no event
  claims to have occurred after it was recorded (beyond a small clock skew);
- checkpoints: each signed by the checkpoint key, numbered without a gap, each naming its predecessor's
  hash, and each matched by the trail (the event at its position has its link: a shorter or different trail
  is tampering); the newest is not older than AUDIT_CHECKPOINT_MAX_AGE_MINUTES;
- state: every case, decision and complaint's status equals the `to_state` of its last event that has one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.apps import apps
from django.conf import settings
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from ecase.audit.checkpoints import Checkpoint, checkpoint_name, parse, private_key
from ecase.audit.crypto import GENESIS_LINK, chain_keys, chain_link, event_mac
from ecase.audit.linker import audit_link
from ecase.audit.stores import CheckpointStore, checkpoint_store
from ecase.models import AuditEvent

CLOCK_SKEW = timedelta(minutes=5)
CHECKS = ("chain", "time", "checkpoints", "state")


@dataclass(frozen=True)
class Failure:
    check: str
    message: str
    position: int = 0
    event_id: int | None = None


@dataclass
class Report:
    events_checked: int = 0
    head_position: int = 0
    checkpoints: int = 0
    later_checkpoints: int = 0  # restored backups: checkpoints written after the backup was taken
    failures: dict[str, Failure] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, failure: Failure) -> None:
        self.failures.setdefault(failure.check, failure)


def _describe(event: AuditEvent) -> str:
    return (
        f"position {event.position} (seq {event.seq}, id {event.pk}, {event.action} "
        f"{event.object_type}:{event.object_id}, occurred {event.occurred_at.isoformat()})"
    )


def walk_chain(*, since: int = 0, chunk_size: int = 5000) -> Iterator[int | Failure]:
    """Walk the linked events from position `since` + 1. Yields counts (every `chunk_size`) and Failures
    (at most one per check); the final count last."""
    keys = chain_keys()
    prev_link, last_recorded, expected = GENESIS_LINK, None, since + 1
    if since:
        anchor = AuditEvent.objects.filter(position=since).first()
        if anchor is None:
            yield Failure("chain", f"the event at position {since} (--since) is missing", since)
            return
        prev_link, last_recorded = anchor.link, anchor.recorded_at
    failed: set[str] = set()
    checked = 0
    events = AuditEvent.objects.filter(position__gt=since).order_by("position").iterator(chunk_size=chunk_size)
    for event in events:
        position = event.position or 0
        if "chain" not in failed:
            problem = _chain_problem(event, expected, prev_link, keys)
            if problem:
                failed.add("chain")
                yield Failure("chain", problem, expected if position != expected else position, event.pk)
        if "time" not in failed:
            problem = _time_problem(event, last_recorded)
            if problem:
                failed.add("time")
                yield Failure("time", problem, position, event.pk)
        prev_link, last_recorded, expected = event.link, event.recorded_at, position + 1
        checked += 1
        if checked % chunk_size == 0:
            yield checked
    yield checked


def _chain_problem(event: AuditEvent, expected: int, prev_link: str, keys: dict[str, bytes]) -> str:
    if event.position != expected:
        return f"the event at position {expected} is missing (next present: {_describe(event)})"
    key = keys.get(event.key_id)
    if key is None:
        return f"{_describe(event)} names an unknown key id {event.key_id!r}"
    if event_mac(key, event.content()) != event.mac:
        return f"{_describe(event)}: its content does not match its MAC (altered, or not written by the application)"
    link = chain_link(key, prev_link=prev_link, position=expected, mac=event.mac, recorded_at=event.recorded_at)
    if link != event.link:
        return (
            f"{_describe(event)}: its link does not follow from the event before it (removed, inserted or re-chained)"
        )
    return ""


def _time_problem(event: AuditEvent, last_recorded: datetime | None) -> str:
    if last_recorded is not None and event.recorded_at < last_recorded:
        return (
            f"{_describe(event)} was recorded at {event.recorded_at.isoformat()}, "
            f"before the event preceding it ({last_recorded.isoformat()}): time goes backwards"
        )
    if event.occurred_at > event.recorded_at + CLOCK_SKEW:
        return f"{_describe(event)} claims to have occurred after it was recorded ({event.recorded_at.isoformat()})"
    return ""


def check_checkpoints(report: Report, *, store: CheckpointStore, now: datetime, restored: bool = False) -> None:
    """Every checkpoint against the trail, and the newest not stale. `restored`: the trail is a restored backup,
    verified as of its own time: the checkpoints it covers must match it, the ones written after the backup
    (certifying more events than it holds) are later history, not tampering, and staleness does not apply."""
    names = store.names()
    report.checkpoints = len(names)
    public_key: Ed25519PublicKey = private_key().public_key()
    previous: Checkpoint | None = None
    newest: datetime | None = None
    for name in names:
        try:
            checkpoint = parse(name, store.read(name))
        except (ValueError, KeyError, OSError) as error:
            report.fail(Failure("checkpoints", f"checkpoint file {name} cannot be read: {error}"))
            continue
        if restored and checkpoint.signature_valid(public_key) and checkpoint.position > report.head_position:
            report.later_checkpoints += 1
            previous = checkpoint
            continue
        problem = _checkpoint_problem(checkpoint, previous, public_key, name)
        if problem:
            report.fail(Failure("checkpoints", problem, checkpoint.body.get("position", 0)))
        if checkpoint.signature_valid(public_key):
            newest = max(newest or checkpoint.created_at, checkpoint.created_at)
        previous = checkpoint
    max_age = timedelta(minutes=settings.AUDIT_CHECKPOINT_MAX_AGE_MINUTES)
    if not restored and report.head_position and (newest is None or now - newest > max_age):
        when = newest.isoformat() if newest else "never"
        report.fail(
            Failure("checkpoints", f"no checkpoint newer than {max_age} (the newest: {when}): the trail is unanchored")
        )


def _checkpoint_problem(checkpoint: Checkpoint, previous: Checkpoint | None, key: Ed25519PublicKey, name: str) -> str:
    if not checkpoint.signature_valid(key):
        return f"checkpoint {name}: its signature does not verify under the checkpoint key"
    if name != checkpoint_name(checkpoint.number):
        return f"checkpoint {name} says it is number {checkpoint.number}"
    expected_number = (previous.number if previous else 0) + 1
    if checkpoint.number != expected_number:
        return f"checkpoint {checkpoint_name(expected_number)} is missing from the store (next present: {name})"
    if previous is not None and checkpoint.body["prev_sha256"] != hashlib.sha256(previous.raw).hexdigest():
        return f"checkpoint {name} does not name the checkpoint before it"
    position = checkpoint.position
    if position == 0:
        return ""
    event = AuditEvent.objects.filter(position=position).only("link").first()
    if event is None:
        head = (
            AuditEvent.objects.filter(position__isnull=False).order_by("-position").values_list("position", flat=True)
        )
        return (
            f"the trail is shorter than checkpoint {name}: it certified {position} events, "
            f"the trail ends at position {head.first() or 0} (events removed, head moved back)"
        )
    if event.link != checkpoint.body["link"]:
        return f"the trail differs from checkpoint {name} at position {position} (rewritten and re-chained)"
    return ""


def check_state(report: Report) -> None:
    for label in settings.AUDIT_STATE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        last = (
            AuditEvent.objects.filter(object_type=label, object_id=Cast(OuterRef("pk"), CharField()))
            .exclude(to_state="")
            .order_by("-seq")
            .values("to_state")[:1]
        )
        mismatch = (
            model._default_manager.annotate(audited_state=Subquery(last))
            .filter(Q(audited_state__isnull=True) | ~Q(status=F("audited_state")))
            .order_by("pk")
            .values("pk", "status", "audited_state")
            .first()
        )
        if mismatch is not None:
            audited = mismatch["audited_state"] or "no status event at all"
            report.fail(
                Failure(
                    "state",
                    f"{label} {mismatch['pk']} is {mismatch['status']!r} but its last audit event says "
                    f"{audited!r}: its status was changed without an audit event",
                )
            )
            return


def audit_verify(
    *, since: int = 0, chunk_size: int = 5000, progress: Callable[[int], Any] | None = None, restored: bool = False
) -> Report:
    """Link what is committed, then run every check."""
    audit_link()
    report = Report()
    head = AuditEvent.objects.filter(position__isnull=False).order_by("-position").values_list("position", flat=True)
    report.head_position = head.first() or 0
    for step in walk_chain(since=since, chunk_size=chunk_size):
        if isinstance(step, Failure):
            report.fail(step)
        else:
            report.events_checked = step
            if progress is not None:
                progress(step)
    check_checkpoints(report, store=checkpoint_store(), now=timezone.now(), restored=restored)
    check_state(report)
    return report


def report_json(report: Report) -> list[dict[str, Any]]:
    return json.loads(json.dumps([vars(f) for f in report.failures.values()]))
