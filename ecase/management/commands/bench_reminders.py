"""Benchmark the deadline scan: how long one scan takes with N open items of which a share is due.

    python manage.py bench_reminders --items 1000000 --due-share 0.01

Bulk-inserts the benchmark cases (numbers BENCH-00000001 ...) only if they are not there yet: every
1/due-share-th case has its investigation term in [now - 7 days, now + 12 hours] (due soon, due or overdue),
the others 20-80 days ahead (far from their deadline). Then it runs the scan:

- cold: the bench cases' notices are deleted first, so the scan finds and records every due item;
- steady: the scan right after, which finds everything already recorded (what beat runs every 5 minutes).

Notices are recorded but not queued (no task is sent), and the bench notices are deleted at the end unless
--keep-notices. PostgreSQL inserts the cases with one INSERT ... SELECT generate_series per 100,000 rows;
other databases use bulk_create (fine for small --items).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ecase.choices import CaseCategory, CaseStatus, OrganisationKind, Role, Severity
from ecase.deadline_sources import CASE_TERM_SOURCE
from ecase.models import Case, Notice, Organisation, User
from ecase.reminders.services import deadline_scan

PREFIX = "BENCH-"
CHUNK = 100_000
DUE_WINDOW_SECONDS = int(7.5 * 86400)  # due items: now - 7 days ... now + 12 hours
FAR_START = timedelta(days=20)
FAR_SECONDS = 60 * 86400


class Command(BaseCommand):
    help = "Benchmark one deadline scan on N open items of which a share is due (prints a table)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--items", type=int, default=1_000_000, help="open items (cases) to have")
        parser.add_argument("--due-share", type=float, default=0.01, help="share of the items that are due")
        parser.add_argument("--runs", type=int, default=5, help="scans of each kind (cold, steady)")
        parser.add_argument("--explain", action="store_true", help="print the plan of the due-soon query")
        parser.add_argument("--keep-notices", action="store_true", help="keep the bench notices afterwards")

    def handle(self, *args: Any, **options: Any) -> None:
        items, share, runs = options["items"], options["due_share"], options["runs"]
        if items < 1 or not 0 < share <= 1 or runs < 1:
            raise CommandError("--items >= 1, 0 < --due-share <= 1, --runs >= 1")
        step = max(1, round(1 / share))
        body, investigator = self._bench_people()
        self._ensure_cases(items=items, step=step, body=body, investigator=investigator)

        cold: list[tuple[float, int, int]] = []
        steady: list[tuple[float, int, int]] = []
        for _ in range(runs):
            self._delete_bench_notices()
            cold.append(self._timed_scan())
            steady.append(self._timed_scan())
        if options["explain"]:
            self._explain()
        if not options["keep_notices"]:
            self._delete_bench_notices()

        open_items = Case.objects.filter(status=CaseStatus.INVESTIGATING).count()
        stages = ", ".join(f"{stage}: {n:,}" for stage, n in getattr(self, "by_stage", {}).items())
        self.stdout.write("")
        self.stdout.write(f"database: {connection.vendor}; open items (cases under investigation): {open_items:,}")
        header = f"{'scan':<34}{'items':>12}{'due':>9}{'min ms':>10}{'median ms':>11}{'queries':>9}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, rows in (("cold (records every due notice)", cold), ("steady (all already recorded)", steady)):
            times = [t for t, _, _ in rows]
            self.stdout.write(
                f"{label:<34}{open_items:>12,}{rows[0][1]:>9,}{min(times) * 1000:>10.1f}"
                f"{statistics.median(times) * 1000:>11.1f}{rows[0][2]:>9}"
            )
        self.stdout.write(f"notices recorded by the cold scan, by stage: {stages or 'none'}")

    # --- data ---------------------------------------------------------------------------------------

    def _bench_people(self) -> tuple[Organisation, User]:
        top = Organisation.objects.filter(kind=OrganisationKind.GENERAL_OFFICE).order_by("pk").first()
        if top is None:
            top, _ = Organisation.objects.get_or_create(
                code="bench-gp", defaults={"name": "Benchmark general office", "kind": OrganisationKind.GENERAL_OFFICE}
            )
        office, _ = Organisation.objects.get_or_create(
            code="bench-office",
            defaults={"name": "Benchmark district office", "kind": OrganisationKind.DISTRICT_OFFICE, "parent": top},
        )
        body, _ = Organisation.objects.get_or_create(
            code="bench-police",
            defaults={"name": "Benchmark police", "kind": OrganisationKind.INVESTIGATION_BODY, "parent": office},
        )
        investigator, _ = User.objects.get_or_create(
            username="bench-investigator", defaults={"role": Role.INVESTIGATOR, "organisation": body}
        )
        User.objects.get_or_create(
            username="bench-senior", defaults={"role": Role.SENIOR_PROSECUTOR, "organisation": office}
        )
        return body, investigator

    def _ensure_cases(self, *, items: int, step: int, body: Organisation, investigator: User) -> None:
        have = Case.objects.filter(number__startswith=PREFIX).count()
        if have >= items:
            self.stdout.write(f"{have:,} benchmark cases already there")
            return
        now = timezone.now()
        self.stdout.write(f"inserting cases {have + 1:,} .. {items:,} (every {step}th due) ...")
        started = time.perf_counter()
        for first in range(have + 1, items + 1, CHUNK):
            last = min(items, first + CHUNK - 1)
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    self._insert_sql(first, last, step=step, now=now, body=body, investigator=investigator)
                else:
                    self._insert_orm(first, last, step=step, now=now, body=body, investigator=investigator)
            self.stdout.write(f"  {last:,} ({time.perf_counter() - started:.0f} s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Case._meta.db_table}")

    @staticmethod
    def _term(i: int, step: int, now: datetime) -> datetime:
        if i % step == 0:
            return now - timedelta(days=7) + timedelta(seconds=((i // step) * 7919 % 1000) * DUE_WINDOW_SECONDS / 1000)
        return now + FAR_START + timedelta(seconds=((i * 7919) % 100_000) * FAR_SECONDS / 100_000)

    def _values(self, *, now: datetime, body: Organisation, investigator: User) -> dict[str, Any]:
        return {
            "investigation_body_id": body.pk,
            "investigator_id": investigator.pk,
            "supervising_office_id": body.parent_id,
            "qualification": "188 p.2",
            "category": CaseCategory.PROPERTY.value,
            "severity": Severity.MEDIUM.value,
            "summary": "Benchmark case",
            "registered_at": now - timedelta(days=30),
            "status_changed_at": now - timedelta(days=30),
            "status": CaseStatus.INVESTIGATING.value,
        }

    def _insert_sql(
        self, first: int, last: int, *, step: int, now: datetime, body: Organisation, investigator: User
    ) -> None:
        values = self._values(now=now, body=body, investigator=investigator)
        columns: list[str] = []
        expressions: list[str] = []
        params: list[Any] = []
        for f in Case._meta.concrete_fields:
            if f.primary_key:
                continue
            columns.append(connection.ops.quote_name(f.column))
            if f.name == "number":
                expressions.append("%s || lpad(g.i::text, 8, '0')")
                params.append(PREFIX)
            elif f.name == "term_expires_at":
                expressions.append(
                    "CASE WHEN g.i %% %s = 0"
                    " THEN %s::timestamptz - interval '7 days' + ((g.i / %s) * 7919 %% 1000) * %s * interval '1 second'"
                    " ELSE %s::timestamptz + ((g.i * 7919) %% 100000) * %s * interval '1 second' END"
                )
                params += [step, now, step, DUE_WINDOW_SECONDS / 1000, now + FAR_START, FAR_SECONDS / 100_000]
            else:
                value = values[f.attname] if f.attname in values else f.get_default()
                if value is None and not f.null:
                    raise CommandError(f"Case.{f.name} needs a benchmark value")
                expressions.append("%s")
                params.append(f.get_db_prep_save(value, connection))
        sql = (
            f"INSERT INTO {Case._meta.db_table} ({', '.join(columns)}) "  # noqa: S608 - names from the model
            f"SELECT {', '.join(expressions)} FROM generate_series(%s::bigint, %s::bigint) AS g(i)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, first, last])

    def _insert_orm(
        self, first: int, last: int, *, step: int, now: datetime, body: Organisation, investigator: User
    ) -> None:
        values = self._values(now=now, body=body, investigator=investigator)
        Case.objects.bulk_create(
            [
                Case(number=f"{PREFIX}{i:08d}", term_expires_at=self._term(i, step, now), **values)
                for i in range(first, last + 1)
            ],
            batch_size=5000,
        )

    def _delete_bench_notices(self) -> None:
        bounds = Case.objects.filter(number__startswith=PREFIX).aggregate(lo=Min("pk"), hi=Max("pk"))
        if bounds["lo"] is None:
            return
        Notice.objects.filter(source=CASE_TERM_SOURCE, item_id__range=(bounds["lo"], bounds["hi"])).delete()

    # --- measuring ----------------------------------------------------------------------------------

    def _timed_scan(self) -> tuple[float, int, int]:
        queued: list[Sequence[int]] = []
        queries = 0

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):  # counts without the cost of recording the SQL
            started = time.perf_counter()
            result = deadline_scan(enqueue=queued.append)
            elapsed = time.perf_counter() - started
        if result.recorded_total:
            self.by_stage = dict(result.recorded)
        return elapsed, result.recorded_total, queries

    def _explain(self) -> None:
        from ecase import deadlines
        from ecase.reminders.selectors import deadline_items_needing_notice
        from ecase.reminders.windows import WindowCalculator

        source = deadlines.source(CASE_TERM_SOURCE)
        windows = WindowCalculator(timezone.now()).for_source(source)
        with CaptureQueriesContext(connection) as ctx:
            deadline_items_needing_notice(source=source, window=windows[0], limit=50_000)
        sql = ctx.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            self.stdout.write("\n".join(row[0] for row in cursor.fetchall()))
