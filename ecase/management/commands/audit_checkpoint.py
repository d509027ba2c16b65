"""Link the committed audit events and write a signed checkpoint of the chain's head to the checkpoint store.

    python manage.py audit_checkpoint

The beat task does the same every 5 minutes. Refuses (exit 1) when the trail no longer matches the last
checkpoint: a tampered trail never gets a fresh signature.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ecase.audit.checkpoints import CheckpointRefused, audit_checkpoint_write


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit chain's head to the checkpoint store."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoint_write()
        except CheckpointRefused as error:
            raise CommandError(f"Checkpoint refused: {error}", returncode=1) from error
        body = checkpoint.body
        self.stdout.write(f"Checkpoint {checkpoint.name}: {body['events']} events, head link {body['link'][:16]}…")
