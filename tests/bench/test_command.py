"""`manage.py bench_lists` end to end with tiny numbers: seeds, serves through gunicorn, prints the table."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from approvals.bench.load import LoadResult
from approvals.bench.run import ENDPOINTS


@pytest.mark.django_db(transaction=True)
def test_bench_lists_smoke(require_postgres):
    out = io.StringIO()
    call_command("bench_lists", cases=30, seconds=0.6, warmup=0, rounds=1, workers=1, connections=2, stdout=out)
    text = out.getvalue()
    assert "Seeding" in text and "Round 1/1" in text
    table = text[text.index("endpoint ") :].splitlines()
    assert table[0].split() == ["endpoint", "req/s", "p50", "ms", "p99", "ms", "queries", "ratio"]
    assert len(table) == 1 + len(ENDPOINTS)
    assert "x floor" in table[2] and "x floor" in table[4] and "x time" in table[5]
    for line in table[1:]:
        assert float(line[20:].split()[0]) > 0  # req/s


@pytest.mark.django_db
def test_bench_lists_refuses_bad_numbers():
    with pytest.raises(CommandError):
        call_command("bench_lists", seconds=0, stdout=io.StringIO())


def test_percentiles():
    result = LoadResult(label="x", seconds=2.0, latencies_ms=[float(n) for n in range(1, 101)])
    assert result.rps == 50
    assert result.percentile(50) == pytest.approx(50.5)
    assert result.percentile(99) == pytest.approx(99.01)
