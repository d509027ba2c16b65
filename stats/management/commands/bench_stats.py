"""Time the statistics for the whole country next to a plain SELECT count(*) over the same tables.

    python manage.py bench_stats                      # the page's default period (last 365 days)
    python manage.py bench_stats --date-from 2025-01-01 --date-to 2025-12-31 --repeat 7

Prints, from one run: the row counts, the time of ``SELECT count(*)`` over the tables the indicators read,
the time of the whole statistics query set (every indicator, this period and the previous one) for the
root office and its subtree (what the auditor sees), and the time of the page and the API rendered for
an auditor (view code + template/serializer, no HTTP). Times are the best and the median of --repeat runs
after one warm-up run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory, force_authenticate

from approvals.models import ProceduralDecision
from complaints.models import Complaint, ComplaintExplanation
from ecase.choices import PROSECUTOR_OFFICE_KINDS, Role
from ecase.models import Case, InvestigativeAction, Organisation, TerminationGround, User
from stats.api.views import StatsView
from stats.period import Period, period_from_dates, scope_of
from stats.selectors import stats_report
from stats.views import stats_page

TABLES = (Case, ProceduralDecision, Complaint, ComplaintExplanation, InvestigativeAction, TerminationGround)


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    """(best ms, median ms, queries per run) over `repeat` runs after a warm-up."""
    fn()
    times = []
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times), queries


class Command(BaseCommand):
    help = "Benchmark the statistics query set for the whole country against SELECT count(*)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date-from", type=date.fromisoformat, default=None)
        parser.add_argument("--date-to", type=date.fromisoformat, default=None)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args: Any, date_from: date | None, date_to: date | None, repeat: int, **kw: Any) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        period: Period = period_from_dates(date_from, date_to)
        root = Organisation.objects.filter(parent__isnull=True, kind__in=PROSECUTOR_OFFICE_KINDS).first()
        scope = scope_of(root)
        tables = [m._meta.db_table for m in TABLES]
        out = self.stdout.write
        out(f"Database: {connection.vendor}; scope: {scope.label}")
        out(f"Period {period.date_from}..{period.date_to}, previous {period.previous().date_from}..")

        counts: dict[str, int] = {}

        def count_all() -> None:
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                    counts[table] = cursor.fetchone()[0]

        best_c, median_c, queries_c = _timed(count_all, repeat)
        out("Rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        out(f"SELECT count(*) over {len(tables)} tables: {self._ms(best_c, median_c)} ({queries_c} queries)")

        best_s, median_s, queries_s = _timed(lambda: stats_report(scope=scope, period=period), repeat)
        out(
            f"Statistics query set (all indicators, period + previous): {self._ms(best_s, median_s)} "
            f"({queries_s} queries)"
        )

        auditor = User.objects.filter(role=Role.AUDITOR, organisation=root, is_active=True).first() if root else None
        if auditor is None:
            out("No active auditor of the root office: page and API timings skipped.")
            return
        page_ms, api_ms = self._http(auditor, period, repeat)
        out(f"Page /stats/ rendered for {auditor.username}: best {page_ms[0]:.1f} ms, median {page_ms[1]:.1f} ms")
        out(f"API /api/v1/stats/ for {auditor.username}: best {api_ms[0]:.1f} ms, median {api_ms[1]:.1f} ms")

    @staticmethod
    def _ms(best: float, median: float) -> str:
        return f"best {best:.1f} ms, median {median:.1f} ms"

    def _http(self, user: User, period: Period, repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
        query = {"date_from": period.date_from.isoformat(), "date_to": period.date_to.isoformat()}

        def page() -> None:
            request = RequestFactory().get("/stats/", query)
            request.user = user
            response = stats_page(request)
            assert response.status_code == 200, response.status_code  # noqa: S101

        def api() -> None:
            request = APIRequestFactory().get("/api/v1/stats/", query)
            force_authenticate(request, user=user)
            response = StatsView.as_view()(request)
            response.render()
            assert response.status_code == 200, response.status_code  # noqa: S101

        page_best, page_median, _q = _timed(page, repeat)
        api_best, api_median, _q = _timed(api, repeat)
        return (page_best, page_median), (api_best, api_median)
