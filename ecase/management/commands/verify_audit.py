"""Verify the audit trail: the keyed chain, the signed checkpoints, time order and the state cross-check.

    python manage.py verify_audit [--since POSITION] [--no-progress]

Links what is committed first. Exit code 0 and "Audit trail intact: ...", or exit code 1 with the first
failure of each check on stderr. Every run is stored (AuditVerification) for the auditor's page; a failed
run notifies the auditors (--no-notify: not).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ecase.audit.services import audit_verification_run
from ecase.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail (chain, checkpoints, time, state); exit non-zero naming each check's first failure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", type=int, default=0, help="Check the chain from this position on (incremental).")
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show a progress bar (it shows only on a terminal)."
        )
        parser.add_argument("--no-notify", action="store_true", help="Do not notify the auditors of a failure.")
        parser.add_argument(
            "--restored-backup",
            action="store_true",
            help="The database is a restored backup: match the checkpoints it covers, treat later ones as later "
            "history and skip the staleness check (manage.py restore_check passes it).",
        )

    def handle(
        self, *args: Any, since: int, no_progress: bool, no_notify: bool, restored_backup: bool, **options: Any
    ) -> None:
        total = AuditEvent.objects.filter(position__gt=since).count()
        show_progress = not no_progress and sys.stderr.isatty()
        with tqdm(total=total, unit="event", file=sys.stderr, disable=not show_progress, leave=False) as bar:

            def progress(checked: int) -> None:
                bar.update(checked - bar.n)

            run = audit_verification_run(since=since, progress=progress, notify=not no_notify, restored=restored_backup)
        if not run.ok:
            lines = [f"Audit trail FAILED verification ({run.events_checked} events checked):"]
            lines += [f"  [{f['check']}] {f['message']}" for f in run.failures]
            raise CommandError("\n".join(lines), returncode=1)
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {run.events_checked} events"))
