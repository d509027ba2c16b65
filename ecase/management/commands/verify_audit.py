"""Walk the hash-chained audit trail and name the first broken link.

    python manage.py verify_audit

Exit code 0 and "Audit chain intact: N events", or exit code 1 with the first broken event on stderr.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ecase.audit.services import ChainBreak, audit_verify_chain
from ecase.models import AuditChainHead, AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exit non-zero at the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=5000, help="Events read per database round trip.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show a progress bar (it shows only on a terminal)."
        )

    def handle(self, *args: Any, chunk_size: int, no_progress: bool, **options: Any) -> None:
        head = AuditChainHead.objects.filter(pk=1).first()
        total = max(head.last_seq if head else 0, AuditEvent.objects.count())
        show_progress = not no_progress and sys.stderr.isatty()
        checked = 0
        with tqdm(total=total, unit="event", file=sys.stderr, disable=not show_progress, leave=False) as bar:
            for step in audit_verify_chain(chunk_size=chunk_size):
                if isinstance(step, ChainBreak):
                    bar.close()
                    raise CommandError(self._describe(step), returncode=1)
                bar.update(step - checked)
                checked = step
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events"))

    @staticmethod
    def _describe(brk: ChainBreak) -> str:
        lines = [f"Audit chain broken at event #{brk.seq}: {brk.problem}."]
        if brk.event_id is not None:
            event = AuditEvent.objects.filter(pk=brk.event_id).first()
            if event is not None:
                lines.append(
                    f"  seq={event.seq} id={event.pk} action={event.action} "
                    f"object={event.object_type}:{event.object_id} occurred_at={event.occurred_at.isoformat()}"
                )
        else:
            lines.append(f"  seq={brk.seq} id=- (no row with this sequence number)")
        return "\n".join(lines)
