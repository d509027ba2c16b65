"""The hashed locks (scripts/lock.sh) agree with the pins people edit: every exact pin of requirements*.txt is
in its lock at that version, every locked package carries at least one SHA-256, the runtime lock is a subset
of the dev lock at the same versions, and the install scripts use them with --require-hashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==([^\s;#]+)", re.MULTILINE)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a pip-compile --generate-hashes file."""
    packages: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", path.read_text()):
        match = PIN.match(block)
        if match:
            packages[_canonical(match.group(1))] = (match.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return packages


def _pins(path: Path) -> dict[str, str]:
    return {_canonical(name): version for name, version in PIN.findall(path.read_text())}


@pytest.mark.parametrize(
    ("pins", "lock"),
    [
        (["requirements.txt"], "requirements.lock"),
        (["requirements.txt", "requirements-dev.txt"], "requirements-dev.lock"),
    ],
)
def test_every_pin_is_locked_with_hashes(pins, lock):
    locked = _lock(ROOT / lock)
    assert len(locked) > 20
    for pin_file in pins:
        for name, version in _pins(ROOT / pin_file).items():
            assert name in locked, f"{name} of {pin_file} is not in {lock}: run scripts/lock.sh"
            assert locked[name][0] == version, f"{name}=={version} of {pin_file} but {locked[name][0]} in {lock}"
    unhashed = [name for name, (_version, hashes) in locked.items() if not hashes]
    assert not unhashed, unhashed


def test_the_runtime_lock_is_the_dev_locks_subset():
    runtime, dev = _lock(ROOT / "requirements.lock"), _lock(ROOT / "requirements-dev.lock")
    assert {name: v for name, (v, _h) in runtime.items()} == {name: dev[name][0] for name in runtime}


def test_installs_require_hashes():
    assert "--require-hashes" in (ROOT / "scripts" / "venv.sh").read_text()
    assert "--require-hashes -r requirements.lock" in (ROOT / "Dockerfile").read_text()
    assert "--generate-hashes" in (ROOT / "scripts" / "lock.sh").read_text()
