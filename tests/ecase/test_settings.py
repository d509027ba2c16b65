"""Production settings: pass Django's deployment checklist, and refuse to start without real secrets.

Each case runs `manage.py` in a subprocess, because settings are read once per process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(tmp_path: Path, *args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    environment.pop("SECRET_KEY", None)
    environment.pop("DECISION_SIGNING_KEY", None)
    for name in ("AUDIT_CHAIN_KEY", "AUDIT_CHAIN_KEY_ID", "AUDIT_CHAIN_OLD_KEYS", "AUDIT_CHECKPOINT_KEY"):
        environment.pop(name, None)
    environment.update(
        DJANGO_SETTINGS_MODULE="ecase.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        DECISION_SIGNING_KEY=secrets.token_urlsafe(32),
        AUDIT_CHAIN_KEY=secrets.token_urlsafe(32),
        AUDIT_CHAIN_KEY_ID="k1",
        AUDIT_CHECKPOINT_KEY="ZGV2LW9ubHktYXVkaXQtY2hlY2twb2ludC1rZXkhISE=",
        ALLOWED_HOSTS="ecase.example.kz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "too-short-key", "django-insecure-" + "x" * 60, "a" * 64],
    ids=["missing", "empty", "short", "django-insecure", "one-character"],
)
def test_refuses_to_start_without_a_real_secret_key(tmp_path, secret_key):
    result = _manage(tmp_path, "check", SECRET_KEY=secret_key)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("signing_key", [None, "", "short"], ids=["missing", "empty", "short"])
def test_refuses_to_start_without_the_decision_signing_key(tmp_path, signing_key):
    result = _manage(tmp_path, "check", DECISION_SIGNING_KEY=signing_key)
    assert result.returncode != 0
    assert "DECISION_SIGNING_KEY" in result.stderr


def test_production_is_never_in_debug(tmp_path):
    result = _manage(tmp_path, "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("AUDIT_CHAIN_KEY", None),
        ("AUDIT_CHAIN_KEY", "short"),
        ("AUDIT_CHAIN_KEY_ID", ""),
        ("AUDIT_CHECKPOINT_KEY", None),
    ],
    ids=["chain-key-missing", "chain-key-short", "key-id-empty", "checkpoint-key-missing"],
)
def test_refuses_to_start_without_the_audit_keys(tmp_path, name, value):
    result = _manage(tmp_path, "check", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
