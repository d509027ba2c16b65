"""The nightly scan: batches in a constant number of queries, resumes after a crash, reports progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ecase.services.detentions import detention_record
from legality import scan
from legality.choices import FindingStatus
from legality.models import Finding, ScanRun
from legality.tasks import legality_scan_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(world, make_case):
    """Eight open cases, each with a detention held past 48 hours (a finding to open)."""
    made = []
    for n in range(8):
        case = make_case(summary=f"Case {n}")
        detention_record(
            case_id=case.pk,
            actor=world.investigator_a,
            detained_at=timezone.now() - timedelta(hours=49 + n),
            full_name=f"Detained {n}",
            protocol_reference=f"P-{n}",
        )
        made.append(case)
    return made


def _step_queries(django_assert_max_num_queries, run_id: int, batch_size: int) -> int:
    with django_assert_max_num_queries(100) as captured:
        scan.scan_run_step(run_id=run_id, batch_size=batch_size)
    return len(captured.captured_queries)


def test_queries_per_batch_do_not_grow_with_the_batch(cases, django_assert_max_num_queries):
    run = scan.scan_run_start()
    small = _step_queries(django_assert_max_num_queries, run.pk, batch_size=2)  # 2 cases, 2 findings opened
    large = _step_queries(django_assert_max_num_queries, run.pk, batch_size=6)  # 6 cases, 6 findings opened
    assert small == large
    run = ScanRun.objects.get(pk=run.pk)
    assert (run.processed, run.batches, run.opened) == (8, 2, 8)
    # The next night: nothing new, the same fixed number of queries for the refresh.
    scan.scan_run_step(run_id=run.pk)
    second = scan.scan_run_start()
    assert second.pk != run.pk
    assert _step_queries(django_assert_max_num_queries, second.pk, batch_size=8) <= small
    assert Finding.objects.filter(status=FindingStatus.OPEN).count() == 8


def test_a_crashed_scan_resumes_after_the_last_committed_batch(cases, monkeypatch):
    real = scan.findings_sync
    calls = {"n": 0}

    def crash_on_the_second_batch(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(scan, "findings_sync", crash_on_the_second_batch)
    with pytest.raises(RuntimeError):
        scan.scan_run(batch_size=3)
    run = ScanRun.objects.get(active=True)
    assert (run.processed, run.cursor) == (3, cases[2].pk)
    assert Finding.objects.count() == 3  # the crashed batch rolled back whole

    monkeypatch.setattr(scan, "findings_sync", real)
    result = legality_scan_task.apply().get()
    run = ScanRun.objects.get(pk=run.pk)
    assert result["run"] == run.pk and not run.active and run.finished_at is not None
    assert (run.processed, run.total, run.opened) == (8, 8, 8)
    assert Finding.objects.count() == 8
