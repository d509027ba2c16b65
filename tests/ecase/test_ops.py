"""Operations files agree with the code: docker-compose.yml, Dockerfile, .env.example, scripts, Makefile.

No Docker engine runs here, so the files are parsed and every name they use is checked against the code:
environment variables against what the settings read, commands against modules that import.
"""

from __future__ import annotations

import ast
import importlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.utils.module_loading import import_string

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "ecase" / "settings"
DJANGO_SERVICES = ("web", "worker", "beat")
ENV_REFERENCE = re.compile(r"\$\{([A-Z0-9_]+)(?:[:?-][^}]*)?\}")


def _env_calls(path: Path) -> dict[str, bool]:
    """Names read through django-environ in a settings module -> whether the read has a default."""
    found: dict[str, bool] = {}
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        target = func.value if isinstance(func, ast.Attribute) else func
        if not (isinstance(target, ast.Name) and target.id == "env"):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            has_default = any(k.arg == "default" for k in node.keywords) or len(node.args) > 1
            found[first.value] = found.get(first.value, False) or has_default
    return found


@pytest.fixture(scope="module")
def settings_names() -> set[str]:
    names: set[str] = set()
    for module in ("base", "local", "production", "test"):
        names |= set(_env_calls(SETTINGS / f"{module}.py"))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DECISION_SIGNING_KEY", "ALLOWED_HOSTS"} <= names
    return names


@pytest.fixture(scope="module")
def required_in_production() -> set[str]:
    """Variables production reads with no default: the deployment must provide them."""
    base, production = _env_calls(SETTINGS / "base.py"), _env_calls(SETTINGS / "production.py")
    merged = {**base, **production}
    return {name for name, has_default in merged.items() if not has_default}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    # Join continuation lines, drop comments.
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _command(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def test_services_exist_with_healthchecks(compose):
    services = compose["services"]
    for name in (*DJANGO_SERVICES, "postgres", "redis"):
        assert name in services, name
        check = services[name].get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), f"{name} has no healthcheck"
    assert services["postgres"]["image"] == "postgres:16"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["image"] == "redis:7"
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


def test_django_service_is_defined_once_and_reused(compose):
    raw = (ROOT / "docker-compose.yml").read_text()
    assert re.search(r"^x-django: &django$", raw, re.MULTILINE)
    assert len(re.findall(r"<<: \*django$", raw, re.MULTILINE)) >= len(DJANGO_SERVICES)
    services = compose["services"]
    first = services[DJANGO_SERVICES[0]]
    for name in DJANGO_SERVICES:
        assert services[name]["image"] == first["image"]
        assert services[name]["environment"] == first["environment"]


def test_django_services_wait_for_healthy_databases(compose):
    services = compose["services"]
    for name in DJANGO_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
    # Migrations run once, before the app starts.
    assert _command(services["migrate"])[-3:] == ["manage.py", "migrate", "--noinput"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def _gunicorn_names() -> set[str]:
    """Variables gunicorn.conf.py reads (os.environ.get("NAME", ...))."""
    return set(re.findall(r'os\.environ\.get\("([A-Z0-9_]+)"', (ROOT / "gunicorn.conf.py").read_text()))


def test_environment_names_are_the_ones_the_settings_read(compose, settings_names, required_in_production):
    gunicorn = _gunicorn_names()
    assert "FORWARDED_ALLOW_IPS" in gunicorn
    for name in DJANGO_SERVICES:
        environment = compose["services"][name]["environment"]
        keys = set(environment)
        unknown = keys - settings_names - gunicorn - {"DJANGO_SETTINGS_MODULE"}
        assert not unknown, f"{name} sets variables no setting reads: {sorted(unknown)}"
        referenced = {m for value in environment.values() for m in ENV_REFERENCE.findall(str(value))}
        unknown_refs = referenced - settings_names - gunicorn
        assert not unknown_refs, f"{name} interpolates unknown variables: {unknown_refs}"
        missing = required_in_production - keys
        assert not missing, f"{name} lacks variables production requires: {sorted(missing)}"
        assert environment["DJANGO_SETTINGS_MODULE"] == "ecase.settings.production"
    assert {"SECRET_KEY", "DECISION_SIGNING_KEY"} <= required_in_production


def test_commands_reference_modules_that_exist(compose):
    services = compose["services"]
    web = _command(services["web"])
    assert web[0] == "gunicorn"
    module, _, attribute = next(arg for arg in web if ":" in arg).partition(":")
    assert (module, attribute) == ("ecase.wsgi", "application")
    assert callable(getattr(importlib.import_module(module), attribute))
    if "--config" in web:
        assert (ROOT / web[web.index("--config") + 1]).is_file()

    worker = _command(services["worker"])
    assert worker[:4] == ["celery", "-A", "ecase", "worker"]
    celery_app = importlib.import_module("ecase.celery").app
    assert celery_app.main == "ecase"

    beat = _command(services["beat"])
    assert beat[:4] == ["celery", "-A", "ecase", "beat"]
    scheduler = beat[beat.index("--scheduler") + 1]
    assert import_string(scheduler.replace(":", ".")).__name__ == "DatabaseScheduler"


def test_dockerfile(dockerfile):
    instructions = [line.split(None, 1) for line in dockerfile]
    by_name: dict[str, list[str]] = {}
    for name, rest in instructions:
        by_name.setdefault(name.upper(), []).append(rest)
    assert by_name["FROM"] == ["python:3.11-slim"]
    assert by_name["USER"] and by_name["USER"][-1] not in ("root", "0")
    assert "HEALTHCHECK" in by_name and "scripts/healthcheck.py" in by_name["HEALTHCHECK"][0]
    assert (ROOT / "scripts" / "healthcheck.py").is_file()
    assert "CMD" in by_name or "ENTRYPOINT" in by_name
    assert "ecase.wsgi:application" in by_name["CMD"][-1]
    copied = [src for line in by_name["COPY"] for src in line.split()[:-1] if not src.startswith("--")]
    assert "requirements.lock" in copied
    assert (ROOT / "requirements.lock").is_file()
    assert any("collectstatic" in run for run in by_name["RUN"])
    assert any("pip install --no-cache-dir --require-hashes -r requirements.lock" in run for run in by_name["RUN"])
    assert ".venv" in (ROOT / ".dockerignore").read_text().split()


def test_env_example_lists_every_variable(settings_names):
    text = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    missing = settings_names - listed
    assert not missing, f".env.example lacks {sorted(missing)}"


@pytest.mark.parametrize(
    "script", ["scripts/run.sh", "scripts/test.sh", ".ci/run", "scripts/backup.sh", "scripts/supply_chain.sh"]
)
def test_shell_scripts_parse_and_are_executable(script):
    path = ROOT / script
    assert path.stat().st_mode & 0o111, f"{script} is not executable"
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_same_test_command_as_the_readme():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "set -euo pipefail" in ci
    assert "./scripts/test.sh" in ci and "./scripts/test.sh" in readme
    assert "./scripts/run.sh" in readme
    for step in ("ruff check", "ruff format --check", "mypy", "makemigrations --check", "check --deploy"):
        assert step in ci, step


def test_makefile_targets():
    text = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))
    assert {"run", "test", "lint", "bench", "worker", "messages"} <= targets


@pytest.mark.django_db(transaction=True)
def test_healthcheck_script_answers(live_server, tmp_path):
    script = ROOT / "scripts" / "healthcheck.py"

    def run(url: str) -> int:
        env = {"HEALTHCHECK_URL": url, "ALLOWED_HOSTS": "localhost"}
        return subprocess.run([sys.executable, str(script)], env=env, capture_output=True, check=False).returncode

    assert run(f"{live_server.url}/accounts/login/") == 0
    assert run(f"{live_server.url}/readyz") == 0  # the default the containers use
    assert run(f"{live_server.url}/no-such-page/") != 0
    assert run("http://127.0.0.1:9/") != 0
