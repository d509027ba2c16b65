"""The audit trail's cryptography, as pure functions over plain values (no ORM), so the model, the linker, the
bulk seeder, the migration that re-linked the old trail and the verifier all compute exactly the same bytes.

- ``event_mac``: HMAC-SHA256 under the chain key of one event's canonical content. Computed by the writer
  (an application server, which holds the key) when it inserts the event, so a row inserted by someone
  without the key never verifies, even after the linker has chained it.
- ``chain_link``: HMAC-SHA256 under the chain key over the previous link, the event's position, its MAC and
  the database time it was recorded. Computed by the linker; any removed, inserted, reordered or altered
  event breaks every link from there on.
- ``leaf_digest``: plain SHA-256 of the same canonical content plus the position and link: what a
  checkpoint's Merkle root covers, so an outsider with only the public key can check an export.

Keys are addressed by id (``AUDIT_CHAIN_KEY_ID``), stored in every event: after a rotation, old events keep
verifying under ``AUDIT_CHAIN_OLD_KEYS``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder

GENESIS_LINK = "0" * 64

# The fields of an event its MAC covers, in the order the bulk writer passes them.
CONTENT_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "from_state",
    "to_state",
    "reason",
    "data",
    "key_id",
)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder).encode()


def _iso(value: datetime | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def canonical_content(values: dict[str, Any]) -> dict[str, Any]:
    """The event as the MAC sees it: every content field, ids as they are, times in ISO 8601."""
    content = {name: values[name] for name in CONTENT_FIELDS}
    content["occurred_at"] = _iso(content["occurred_at"])
    content["object_id"] = str(content["object_id"])
    return content


def chain_keys() -> dict[str, bytes]:
    """Every key the trail may be verified under, by id: the current one and the old ones."""
    keys: dict[str, bytes] = {}
    for pair in filter(None, (p.strip() for p in settings.AUDIT_CHAIN_OLD_KEYS.split(","))):
        key_id, sep, key = pair.partition(":")
        if not sep or not key_id or not key:
            raise ImproperlyConfigured("AUDIT_CHAIN_OLD_KEYS must be comma-separated id:key pairs.")
        keys[key_id] = key.encode()
    current_id, current = current_key()
    keys[current_id] = current
    return keys


def current_key() -> tuple[str, bytes]:
    if not settings.AUDIT_CHAIN_KEY or not settings.AUDIT_CHAIN_KEY_ID:
        raise ImproperlyConfigured("AUDIT_CHAIN_KEY and AUDIT_CHAIN_KEY_ID must be set.")
    return settings.AUDIT_CHAIN_KEY_ID, settings.AUDIT_CHAIN_KEY.encode()


def event_mac(key: bytes, values: dict[str, Any]) -> str:
    return hmac.new(key, canonical_json(canonical_content(values)), hashlib.sha256).hexdigest()


def chain_link(key: bytes, *, prev_link: str, position: int, mac: str, recorded_at: datetime | str) -> str:
    message = f"{prev_link}|{position}|{mac}|{_iso(recorded_at)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def leaf_digest(content: dict[str, Any], *, position: int, mac: str, link: str, recorded_at: datetime | str) -> str:
    """SHA-256 of an event as exported (see scripts/verify_audit_export.py, which repeats this)."""
    leaf = {"content": content, "position": position, "mac": mac, "link": link, "recorded_at": _iso(recorded_at)}
    return hashlib.sha256(b"\x00" + canonical_json(leaf)).hexdigest()


def merkle_node(left: str, right: str) -> str:
    return hashlib.sha256(b"\x01" + bytes.fromhex(left) + bytes.fromhex(right)).hexdigest()


def merkle_root_and_paths(leaves: list[str], wanted: set[int] | None = None) -> tuple[str, dict[int, list[list[str]]]]:
    """Root of a Merkle tree over `leaves` (an odd node is carried up unchanged) and, for each index in
    `wanted`, its path: [side, sibling] pairs from the leaf up, side "L" when the sibling is on the left."""
    if not leaves:
        return hashlib.sha256(b"").hexdigest(), {}
    wanted = wanted or set()
    paths: dict[int, list[list[str]]] = {i: [] for i in wanted}
    where = {i: i for i in wanted}  # leaf index -> index of its ancestor on the current level
    level = leaves
    while len(level) > 1:
        for leaf, index in where.items():
            sibling = index ^ 1
            if sibling < len(level):
                paths[leaf].append(["L" if sibling < index else "R", level[sibling]])
        level = [
            merkle_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i] for i in range(0, len(level), 2)
        ]
        where = {leaf: index // 2 for leaf, index in where.items()}
    return level[0], paths
