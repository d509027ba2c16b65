"""The audit-event timeline shown on the case, decision and complaint pages (one shape for all three).

Labels come from ``ecase.audit_labels``, where every app registers its own codes, so this module needs no
import of approvals or complaints. The markup is ``templates/ecase/_timeline.html``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ecase import audit_labels
from ecase.models import AuditEvent


def timeline_entries(events: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    """One entry per event, oldest first as given: the event, its label, the states it moved between, a detail line."""
    return [
        {
            "event": event,
            "label": audit_labels.action_label(event.action),
            "from_state": audit_labels.state_label(event.from_state),
            "to_state": audit_labels.state_label(event.to_state),
            "detail": audit_labels.event_detail(event.action, event.data or {}),
        }
        for event in events
    ]
