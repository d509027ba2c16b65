"""manage.py service_account_create NAME --organisation CODE --role ROLE --scope cases:read ... : prints the
token once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from ecase.models import Organisation
from integrations.services.accounts import service_account_create, service_token_issue


class Command(BaseCommand):
    help = "Create a service account and print its first token (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--organisation", required=True, help="The organisation's code.")
        parser.add_argument("--role", required=True)
        parser.add_argument("--scope", action="append", default=[], dest="scopes")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with code {options['organisation']!r}.")
        try:
            account = service_account_create(
                name=options["name"],
                organisation=organisation,
                role=options["role"],
                scopes=options["scopes"],
                actor=None,
            )
        except (ValidationError, IntegrityError) as exc:
            raise CommandError(str(exc)) from exc
        _token, raw = service_token_issue(account_id=account.pk, actor=None)
        self.stdout.write(f"service account {account.pk} {account.name}\ntoken (shown once): {raw}")
