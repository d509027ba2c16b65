"""Reads for the auditor's page."""

from __future__ import annotations

from django.db.models import QuerySet

from ecase.audit.checkpoints import Checkpoint, checkpoint_list
from ecase.models import AuditVerification

RECENT = 50


def audit_verification_list(*, limit: int = 10) -> QuerySet[AuditVerification]:
    return AuditVerification.objects.order_by("-started_at")[:limit]


def audit_checkpoint_recent(*, limit: int = RECENT) -> list[Checkpoint]:
    """The newest checkpoints, newest first."""
    return list(reversed(checkpoint_list()[-limit:]))
