"""A case's trail with its proof, as a JSON document that an outsider verifies offline with only the public key
(scripts/verify_audit_export.py, stdlib + `cryptography`).

What the outsider can check, and why that is the right thing to check:
- The chain links are HMACs: without the chain key nobody outside can recompute them. So the proof rests on
  the signed checkpoints instead. Each checkpoint signs (Ed25519) the Merkle root of the leaf digests of the
  events it newly covers; a leaf digest is SHA-256 over the event's canonical content, position, MAC, link
  and recorded_at.
- The export holds, for each of the case's events covered by a checkpoint: its content and chain fields, its
  Merkle path, and the name of its checkpoint; and each such checkpoint as signed, and the public key.
- The script recomputes every leaf, walks its path to the root, compares it with the checkpoint's
  merkle_root, and verifies the checkpoint's signature: any change to an exported event, its position, or
  the checkpoint, fails. It cannot prove that no event of the case was left out of the export (the trail
  itself, verified by verify_audit under the key, proves that); it does prove each listed event is exactly
  as the trail held it when the checkpoint was signed.
Events not yet covered by a checkpoint (the last few minutes) are listed under "uncovered", without proof.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ecase.audit.checkpoints import Checkpoint, checkpoint_list, leaves, public_key_pem
from ecase.audit.crypto import canonical_content, merkle_root_and_paths
from ecase.models import AuditEvent, Case

FORMAT = "ecase-audit-export/1"


def _covering(checkpoints: list[Checkpoint], position: int) -> Checkpoint | None:
    for checkpoint in checkpoints:
        if int(checkpoint.body["from_position"]) < position <= checkpoint.position:
            return checkpoint
    return None


def audit_case_export(*, case: Case) -> dict[str, Any]:
    checkpoints = checkpoint_list()
    events = list(AuditEvent.objects.filter(case=case, position__isnull=False).order_by("position"))
    by_checkpoint: dict[str, list[AuditEvent]] = defaultdict(list)
    uncovered = []
    for event in events:
        checkpoint = _covering(checkpoints, event.position or 0)
        if checkpoint is None:
            uncovered.append(event)
        else:
            by_checkpoint[checkpoint.name].append(event)
    exported: list[dict[str, Any]] = []
    used: dict[str, Any] = {}
    for checkpoint in checkpoints:
        mine = by_checkpoint.get(checkpoint.name)
        if not mine:
            continue
        start = int(checkpoint.body["from_position"])
        wanted = {(event.position or 0) - start - 1 for event in mine}
        _root, paths = merkle_root_and_paths(leaves(start, checkpoint.position), wanted)
        for event in mine:
            index = (event.position or 0) - start - 1
            exported.append({**_event(event), "checkpoint": checkpoint.name, "leaf_index": index, "path": paths[index]})
        used[checkpoint.name] = {"checkpoint": checkpoint.body, "signature": checkpoint.signature}
    return {
        "format": FORMAT,
        "case": {"id": case.pk, "number": case.number},
        "public_key": public_key_pem(),
        "checkpoints": used,
        "events": exported,
        "uncovered": [_event(event) for event in uncovered],
    }


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "content": canonical_content(event.content()),
        "position": event.position,
        "mac": event.mac,
        "link": event.link,
        "recorded_at": event.recorded_at.isoformat(),
    }
