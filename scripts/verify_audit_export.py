#!/usr/bin/env python3
"""Check an eCase audit export offline, with only the public key. Needs Python 3.11 and `cryptography`.

    python scripts/verify_audit_export.py case-2026-ALA-000042-audit.json [--public-key audit.pub.pem]

For every exported event: recompute its leaf digest (SHA-256 of its canonical JSON), walk its Merkle path up
to the root, compare the root with its checkpoint's signed merkle_root, and verify that checkpoint's Ed25519
signature. Use --public-key with the key obtained from the prosecutor's office (`manage.py audit_public_key`)
rather than trusting the copy inside the file. Exit code 0: every event is exactly as the trail held it when
its checkpoint was signed. Exit code 1: the first problem is printed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def leaf_digest(event: dict[str, Any]) -> str:
    leaf = {k: event[k] for k in ("content", "position", "mac", "link", "recorded_at")}
    return hashlib.sha256(b"\x00" + canonical(leaf)).hexdigest()


def node(left: str, right: str) -> str:
    return hashlib.sha256(b"\x01" + bytes.fromhex(left) + bytes.fromhex(right)).hexdigest()


def verify(export: dict[str, Any], public_key_pem: bytes | None = None) -> list[str]:
    """Problems found (empty: the export verifies)."""
    if export.get("format") != "ecase-audit-export/1":
        return ["not an eCase audit export (format ecase-audit-export/1)"]
    key = load_pem_public_key(public_key_pem or export["public_key"].encode())
    if not isinstance(key, Ed25519PublicKey):
        return ["the public key is not an Ed25519 key"]
    problems = []
    for name, signed in export["checkpoints"].items():
        try:
            key.verify(base64.b64decode(signed["signature"]), canonical(signed["checkpoint"]))
        except (InvalidSignature, ValueError):
            problems.append(f"checkpoint {name}: the signature does not verify")
    case_id = export["case"]["id"]
    for event in export["events"]:
        where = f"event at position {event['position']}"
        signed = export["checkpoints"].get(event["checkpoint"])
        if signed is None:
            problems.append(f"{where}: its checkpoint {event['checkpoint']} is not in the export")
            continue
        checkpoint = signed["checkpoint"]
        if event["position"] != checkpoint["from_position"] + 1 + event["leaf_index"]:
            problems.append(f"{where}: its position does not match its place under checkpoint {event['checkpoint']}")
        if event["content"]["case_id"] != case_id:
            problems.append(f"{where}: belongs to another case")
        digest = leaf_digest(event)
        for side, sibling in event["path"]:
            digest = node(sibling, digest) if side == "L" else node(digest, sibling)
        if digest != checkpoint["merkle_root"]:
            problems.append(f"{where}: it is not the event checkpoint {event['checkpoint']} signed (modified)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("export", type=Path)
    parser.add_argument("--public-key", type=Path, help="PEM file of the checkpoint public key")
    args = parser.parse_args()
    export = json.loads(args.export.read_text(encoding="utf-8"))
    problems = verify(export, args.public_key.read_bytes() if args.public_key else None)
    if problems:
        print(f"FAILED: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
        return 1
    print(f"OK: {len(export['events'])} events of case {export['case']['number']} verify against their checkpoints.")
    if export.get("uncovered"):
        print(f"({len(export['uncovered'])} newer events are not yet covered by a checkpoint.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
