"""Create the test PKI for the demo users.

    python manage.py demo_pki            # into SIGNATURE_PKI_DIR (trust/, crl/, ca-bundle.pem)

A root and an intermediate CA, a personal certificate with a server-held key for every demo staff user (the
software signer uses it), one revoked certificate and the CRL. Not for production (DEMO_DATA_ALLOWED).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from signatures.demo import demo_pki_create


class Command(BaseCommand):
    help = "Create a test root and intermediate CA, personal certificates for the demo users, a revoked one, a CRL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default="", help="Directory (default: SIGNATURE_PKI_DIR).")

    def handle(self, *args: Any, dir: str, **options: Any) -> None:  # noqa: A002
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Refusing to create demo signing keys under these settings (DEMO_DATA_ALLOWED is off).")
        directory = Path(dir or settings.SIGNATURE_PKI_DIR)
        result = demo_pki_create(directory=directory)
        self.stdout.write(
            f"Demo PKI in {result.directory}: CA bundle ca-bundle.pem, {result.users} personal certificates, "
            f"one revoked ({result.revoked_user}) in crl/intermediate.crl."
        )
