"""Register a user's signing certificate by its fingerprint (for a certificate without his IIN in it).

python manage.py register_certificate --user ivanov --file ivanov.pem
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ecase.models import User
from signatures.services import certificate_register


class Command(BaseCommand):
    help = "Register a user's signing certificate (PEM or DER file) by its fingerprint."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username.")
        parser.add_argument("--file", required=True, help="The certificate, PEM or DER.")

    def handle(self, *args: Any, user: str, file: str, **options: Any) -> None:
        holder = User.objects.filter(username=user).first()
        if holder is None:
            raise CommandError(f"No user {user}.")
        data = Path(file).read_bytes()
        try:
            der = x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER) if b"-----BEGIN" in data else data
            registered = certificate_register(user=holder, cert_der=der, actor=None)
        except (ValueError, ValidationError) as exc:
            raise CommandError(f"Not a readable X.509 certificate: {file}") from exc
        self.stdout.write(f"Registered to {user}: {registered.subject} ({registered.fingerprint}).")
