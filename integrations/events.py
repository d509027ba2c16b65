"""The public shape of one event, the same in the change feed and in a webhook's body."""

from __future__ import annotations

from typing import Any

from ecase.models import AuditEvent


def event_payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": str(event.seq),
        "type": event.action,
        "occurred_at": event.occurred_at.isoformat(),
        "object": {"type": event.object_type, "id": event.object_id},
        "case_id": event.case_id,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor": event.actor_name,
    }
