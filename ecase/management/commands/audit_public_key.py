"""Print the public key of the audit checkpoints (PEM), for auditors and for verify_audit_export.py.

python manage.py audit_public_key > audit-checkpoints.pub.pem
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ecase.audit.checkpoints import public_key_pem


class Command(BaseCommand):
    help = "Print the Ed25519 public key that verifies the audit checkpoints (PEM)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(public_key_pem(), ending="")
