"""Ctrl-C stops scripts/run.sh with its server, Celery worker and beat within 10 s.

The script runs in its own process group on a free port with a scratch SQLite database and the filesystem
broker; the test sends SIGINT to the group (what a terminal's Ctrl-C does) once the server answers and the
worker is ready, then waits at most 10 s for every process of the group to be gone. Every wait is bounded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a local http URL
            return response.status == 200
    except OSError:
        return False


def test_ctrl_c_stops_everything_within_10_seconds(tmp_path):
    port = _free_port()
    log = tmp_path / "celery.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="ecase.settings.local",
        CELERY_BROKER_DIR=str(tmp_path / "broker"),
        CELERY_LOG=str(log),
        SEED_DEMO="false",
        ADDRESS=f"127.0.0.1:{port}",
    )
    output = (tmp_path / "run.out").open("wb")
    proc = subprocess.Popen(  # noqa: S603 - our own script
        ["bash", str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert _wait_until(lambda: _answers(f"http://127.0.0.1:{port}/healthz"), 240), (
            tmp_path / "run.out"
        ).read_text()
        assert _wait_until(lambda: log.exists() and "ready." in log.read_text(), 90), log.read_text()
        assert _wait_until(lambda: "beat: Starting" in log.read_text(), 30), log.read_text()

        started = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        # poll() reaps the script itself once it has exited, so a zombie does not count as alive.
        gone = _wait_until(lambda: proc.poll() is not None and not _group_alive(proc.pid), 10)
        elapsed = time.monotonic() - started
        assert gone, (
            f"processes left after {elapsed:.1f} s: "
            + subprocess.run(
                ["ps", "-o", "pid,args", "-g", str(proc.pid)], capture_output=True, text=True, check=False
            ).stdout
        )
        assert proc.wait(timeout=1) == 130
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        output.close()
