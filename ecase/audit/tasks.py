"""Celery tasks of the audit trail: thin, idempotent (linking what is linked does nothing; a checkpoint of an
unchanged head is a new, harmless attestation that the trail still ends there).

Beat (django-celery-beat rows from migration ecase 0021): ``ecase.audit_link`` every 5 seconds,
``ecase.audit_checkpoint`` every 5 minutes, ``ecase.audit_verify`` nightly at 02:30 Almaty time.
"""

from __future__ import annotations

from celery import shared_task

from ecase.audit.checkpoints import audit_checkpoint_write
from ecase.audit.linker import audit_link
from ecase.audit.services import audit_verification_run


@shared_task(name="ecase.audit_link", acks_late=True, ignore_result=True, soft_time_limit=50, time_limit=60, expires=30)
def audit_link_task() -> int:
    return audit_link(wait=False)


@shared_task(name="ecase.audit_checkpoint", acks_late=True, ignore_result=True, soft_time_limit=240, time_limit=300)
def audit_checkpoint_task() -> int:
    return audit_checkpoint_write().number


@shared_task(name="ecase.audit_verify", acks_late=True, ignore_result=True, soft_time_limit=3300, time_limit=3600)
def audit_verify_task() -> bool:
    return audit_verification_run().ok
