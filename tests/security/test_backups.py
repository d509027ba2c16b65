"""Backups that restore: scripts/backup.sh dumps a seeded database, `manage.py restore_check` restores the
newest dump into a scratch database and verifies its audit chain there."""

from __future__ import annotations

import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ecase.audit.checkpoints import audit_checkpoint_write
from ecase.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_seeded_database_restores_and_verifies(require_postgres, world, make_case, settings, tmp_path):
    make_case()
    make_case(summary="A second case, so the chain has several events.")
    audit_checkpoint_write()  # the backup's trail is covered by this checkpoint (its events are linked now)
    events = AuditEvent.objects.count()
    assert events >= 2
    settings.BACKUP_DIR = tmp_path
    env = {**os.environ, "DATABASE_URL": _database_url(), "BACKUP_DIR": str(tmp_path)}
    result = subprocess.run(  # noqa: S603
        ["bash", str(ROOT / "scripts" / "backup.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    dump = Path(result.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and dump.stat().st_size > 0

    make_case(summary="Registered after the backup.")
    audit_checkpoint_write()  # later history: certifies more events than the backup holds, which is no tampering

    out = StringIO()
    call_command("restore_check", stdout=out)
    text = out.getvalue()
    assert f"Audit trail intact: {events} events" in text
    assert f"Restore check passed: {dump.name}" in text
    with connection.cursor() as cursor:  # the scratch database is gone again
        cursor.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"{connection.settings_dict['NAME']}_restore_check"]
        )
        assert cursor.fetchone() is None


def test_restore_check_without_a_backup_says_so(db, require_postgres, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    with pytest.raises(CommandError, match="No backup found"):
        call_command("restore_check")
