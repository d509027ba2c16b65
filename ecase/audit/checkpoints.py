"""Signed checkpoints of the chain's head, written outside the database (ecase.audit.stores).

A checkpoint is a JSON file ``<number, 12 digits>.json``::

    {"checkpoint": {"number": 7, "position": 1234, "link": "...", "events": 1234, "from_position": 1200,
                    "merkle_root": "...", "created_at": "...", "prev_sha256": "...", "public_key": "..."},
     "signature": "<base64 Ed25519 signature of the canonical JSON of "checkpoint">"}

- `position`/`link`: the chain's head when it was written. A trail shorter than that, or whose event at
  `position` has another link, has been cut or rewritten: the link is an HMAC over everything before it.
- `merkle_root`: over the leaf digests (ecase.audit.crypto.leaf_digest) of the events in
  (from_position, position]: what lets an outsider check an exported event with only the public key.
- `prev_sha256`: SHA-256 of the previous checkpoint's file; numbers are consecutive, so a removed file
  shows as a gap.
The writer refuses to checkpoint a trail that no longer matches the previous checkpoint: a tampered trail
never gets a fresh signature.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from ecase.audit.crypto import GENESIS_LINK, canonical_json, leaf_digest, merkle_root_and_paths
from ecase.audit.linker import audit_link
from ecase.audit.stores import CheckpointStore, checkpoint_store
from ecase.models import AuditEvent

CHECKPOINT_LOCK = 0x65436173654350  # "eCaseCP"


class CheckpointRefused(Exception):
    """The trail does not continue the previous checkpoint: it was cut or rewritten."""


def private_key() -> Ed25519PrivateKey:
    raw = settings.AUDIT_CHECKPOINT_KEY.strip()
    if not raw:
        raise ImproperlyConfigured("AUDIT_CHECKPOINT_KEY must be set.")
    if raw.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(raw.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("AUDIT_CHECKPOINT_KEY must be an Ed25519 private key.")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))


def public_key_pem() -> str:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def public_key_raw_b64(key: Ed25519PublicKey | None = None) -> str:
    key = key or private_key().public_key()
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


@dataclass(frozen=True)
class Checkpoint:
    name: str
    body: dict[str, Any]
    signature: str
    raw: bytes

    @property
    def number(self) -> int:
        return int(self.body["number"])

    @property
    def position(self) -> int:
        return int(self.body["position"])

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.body["created_at"])

    def signature_valid(self, key: Ed25519PublicKey) -> bool:
        try:
            key.verify(base64.b64decode(self.signature), canonical_json(self.body))
        except (InvalidSignature, ValueError):
            return False
        return True


def checkpoint_name(number: int) -> str:
    return f"{number:012d}.json"


def parse(name: str, raw: bytes) -> Checkpoint:
    document = json.loads(raw)
    return Checkpoint(name=name, body=document["checkpoint"], signature=document["signature"], raw=raw)


def checkpoint_list(store: CheckpointStore | None = None) -> list[Checkpoint]:
    """Every checkpoint in the store, oldest first (unreadable files are returned by verify as failures)."""
    store = store or checkpoint_store()
    return [parse(name, store.read(name)) for name in store.names()]


def checkpoint_latest(store: CheckpointStore | None = None) -> Checkpoint | None:
    store = store or checkpoint_store()
    names = store.names()
    return parse(names[-1], store.read(names[-1])) if names else None


def leaves(from_position: int, to_position: int) -> list[str]:
    """Leaf digests of the linked events in (from_position, to_position], in order."""
    digests = []
    events = AuditEvent.objects.filter(position__gt=from_position, position__lte=to_position).order_by("position")
    for event in events.iterator(chunk_size=5000):
        digests.append(
            leaf_digest(
                _content(event),
                position=event.position or 0,
                mac=event.mac,
                link=event.link,
                recorded_at=event.recorded_at,
            )
        )
    return digests


def _content(event: AuditEvent) -> dict[str, Any]:
    from ecase.audit.crypto import canonical_content

    return canonical_content(event.content())


def audit_checkpoint_write(*, store: CheckpointStore | None = None) -> Checkpoint:
    """Link what is committed, then sign and store the head. Refuses (CheckpointRefused) when the trail no
    longer contains the previous checkpoint's head."""
    store = store or checkpoint_store()
    audit_link()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHECKPOINT_LOCK])
        previous = checkpoint_latest(store)
        head = AuditEvent.objects.filter(position__isnull=False).order_by("-position").first()
        position, link = (head.position or 0, head.link) if head else (0, GENESIS_LINK)
        from_position = previous.position if previous else 0
        if previous is not None:
            anchor = AuditEvent.objects.filter(position=previous.position).first() if previous.position else None
            expected = anchor.link if anchor is not None else (GENESIS_LINK if previous.position == 0 else None)
            if position < previous.position or expected != previous.body["link"]:
                raise CheckpointRefused(
                    f"the trail no longer matches checkpoint {previous.number} (position {previous.position})"
                )
        root, _paths = merkle_root_and_paths(leaves(from_position, position))
        number = (previous.number if previous else 0) + 1
        body: dict[str, Any] = {
            "number": number,
            "position": position,
            "link": link,
            "events": position,
            "from_position": from_position,
            "merkle_root": root,
            "created_at": timezone.now().isoformat(),
            "prev_sha256": hashlib.sha256(previous.raw).hexdigest() if previous else "",
            "public_key": public_key_raw_b64(),
        }
        signature = base64.b64encode(private_key().sign(canonical_json(body))).decode()
        raw = json.dumps({"checkpoint": body, "signature": signature}, indent=1, sort_keys=True).encode()
        name = checkpoint_name(number)
        store.create(name, raw)
    return Checkpoint(name=name, body=body, signature=signature, raw=raw)
