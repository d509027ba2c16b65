"""Recompute the open deadlines from the terms and the calendar in force (what the Celery task
``ecase.terms_recalculate`` does after an edit), printing progress per deadline source.

    python manage.py recalculate_deadlines [--since 2026-04-16]
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecase.terms.recalculation import RecalculationResult, deadlines_recalculate


class Command(BaseCommand):
    help = "Recompute open deadlines after a calendar or term change; each moved deadline is audited."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="Only deadlines on or after this day (ISO date): a changed calendar day.")

    def handle(self, *args: Any, since: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(since) if since else None
        except ValueError as exc:
            raise CommandError(f"--since: {since!r} is not an ISO date (YYYY-MM-DD)") from exc
        self.stdout.write(f"{'source':<28} {'checked':>9} {'moved':>7} {'earlier':>8}")
        last = RecalculationResult()

        def progress(source: str, total: RecalculationResult) -> None:
            self.stdout.write(
                f"{source:<28} {total.checked - last.checked:>9} {total.moved - last.moved:>7} "
                f"{total.earlier - last.earlier:>8}"
            )
            last.checked, last.moved, last.earlier = total.checked, total.moved, total.earlier

        result = deadlines_recalculate(since=day, progress=progress)
        self.stdout.write(
            f"{'total':<28} {result.checked:>9} {result.moved:>7} {result.earlier:>8}  "
            f"({result.notified} notifications)"
        )
