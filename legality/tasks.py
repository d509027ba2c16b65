"""Celery tasks of the legality app (thin: the work is in legality.scan)."""

from __future__ import annotations

from celery import shared_task

from .scan import scan_run


@shared_task(name="legality.scan", acks_late=True, soft_time_limit=3 * 3600, time_limit=3 * 3600 + 60)
def legality_scan_task() -> dict[str, int]:
    """The nightly scan. Idempotent: it resumes the unfinished run, else starts a new one."""
    run = scan_run()
    return {"run": run.pk, "processed": run.processed, "opened": run.opened, "resolved": run.resolved}
