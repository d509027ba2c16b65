"""The nightly scan over every open case, in batches by case id. A run keeps its cursor (the last case id
done) and is committed batch by batch, so a scan that crashed resumes after the last committed batch; the
cursor and counters are its progress report (admin, logs)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ecase.choices import CaseStatus
from ecase.models import Case

from .facts import facts_load
from .models import ScanRun
from .services import findings_sync

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def scan_cases() -> QuerySet[Case]:
    """The cases the scan covers: open ones, and those terminated on a rehabilitating ground (the
    compensation notice is owed after the case is closed)."""
    return Case.objects.filter(
        Q(status__in=[CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED])
        | Q(status=CaseStatus.TERMINATED, termination_rehabilitating=True)
    )


def scan_run_start() -> ScanRun:
    """The running scan if there is one (resume), else a new one."""
    run = ScanRun.objects.filter(active=True).first()
    if run is not None:
        return run
    try:
        with transaction.atomic():
            return ScanRun.objects.create(total=scan_cases().count())
    except IntegrityError:  # another worker started one at the same moment: join it
        return ScanRun.objects.get(active=True)


def scan_run_step(*, run_id: int, batch_size: int = BATCH_SIZE) -> ScanRun:
    """Scan the next batch of the run and move its cursor, in one transaction. A finished run is left as is."""
    with transaction.atomic():
        run = ScanRun.objects.select_for_update().get(pk=run_id)
        if not run.active:
            return run
        ids = list(scan_cases().filter(pk__gt=run.cursor).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            run.active = False
            run.finished_at = timezone.now()
            run.save(update_fields=["active", "finished_at"])
            return run
        result = findings_sync(facts_list=facts_load(ids))
        run.cursor = ids[-1]
        run.processed += len(ids)
        run.batches += 1
        run.opened += len(result.opened)
        run.resolved += len(result.resolved)
        run.save(update_fields=["cursor", "processed", "batches", "opened", "resolved"])
    return run


def scan_run(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[ScanRun], None] | None = None, max_batches: int | None = None
) -> ScanRun:
    """Run (or resume) the scan to its end, or for at most `max_batches` batches."""
    run = scan_run_start()
    done = 0
    while run.active and (max_batches is None or done < max_batches):
        run = scan_run_step(run_id=run.pk, batch_size=batch_size)
        done += 1
        logger.info(
            "legality scan %s: %s/%s cases, %s opened, %s resolved",
            run.pk,
            run.processed,
            run.total,
            run.opened,
            run.resolved,
        )
        if progress:
            progress(run)
    return run
