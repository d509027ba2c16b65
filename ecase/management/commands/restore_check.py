"""Prove the newest backup restores: restore it into a scratch database and verify its audit chain.

    python manage.py restore_check                  # the newest BACKUP_DIR/ecase-*.dump
    python manage.py restore_check --dump FILE      # a given pg_dump file (custom format)

Creates the scratch database `<database>_restore_check` on the same server (dropped before and after),
runs pg_restore into it, then `manage.py verify_audit` against it in a child process. Exit code 0 and
"Restore check passed" with the chain's length; non-zero with the step that failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


def _url(db: dict[str, Any], name: str) -> str:
    user = quote(str(db.get("USER") or ""), safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{credentials}{host}{port}/{quote(name, safe='')}"


def newest_dump(directory: Path) -> Path:
    dumps = sorted(directory.glob("ecase-*.dump"))
    if not dumps:
        raise CommandError(f"No backup found: {directory}/ecase-*.dump (make one with scripts/backup.sh).")
    return dumps[-1]


class Command(BaseCommand):
    help = "Restore the newest pg_dump backup into a scratch database and verify its audit chain there."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dump", type=Path, default=None, help="The dump to check (default: the newest).")
        parser.add_argument("--keep", action="store_true", help="Keep the scratch database afterwards.")

    def handle(self, *args: Any, dump: Path | None, keep: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("restore_check needs PostgreSQL (DATABASE_URL=postgres://...).")
        for tool in ("pg_restore", "psql"):
            if shutil.which(tool) is None:
                raise CommandError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
        dump = dump or newest_dump(Path(settings.BACKUP_DIR))
        if not dump.is_file():
            raise CommandError(f"No such dump: {dump}")
        db = connection.settings_dict
        scratch_name = f"{db['NAME']}_restore_check"
        scratch = _url(db, scratch_name)
        admin = _url(db, "postgres")

        self.stdout.write(f"Restoring {dump} into {scratch_name} ...")
        self._psql(admin, f'DROP DATABASE IF EXISTS "{scratch_name}"')
        self._psql(admin, f'CREATE DATABASE "{scratch_name}"')
        try:
            self._run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", scratch, str(dump)])
            # The same checkpoint store as this process: the restored trail must match the checkpoints it covers.
            env = {**os.environ, "DATABASE_URL": scratch, "AUDIT_CHECKPOINT_DIR": str(settings.AUDIT_CHECKPOINT_DIR)}
            result = subprocess.run(  # noqa: S603 - our own manage.py with the same interpreter
                [
                    sys.executable,
                    str(Path(settings.BASE_DIR) / "manage.py"),
                    "verify_audit",
                    "--no-progress",
                    "--no-notify",
                    "--restored-backup",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            self.stdout.write(result.stdout.strip())
            if result.returncode != 0:
                raise CommandError(f"The restored audit chain does not verify:\n{result.stderr.strip()}")
        finally:
            if not keep:
                self._psql(admin, f'DROP DATABASE IF EXISTS "{scratch_name}"')
        self.stdout.write(self.style.SUCCESS(f"Restore check passed: {dump.name}"))

    def _psql(self, url: str, sql: str) -> None:
        self._run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-c", sql])

    @staticmethod
    def _run(command: list[str]) -> None:
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")
