"""Settings of the benchmark's gunicorn: the settings the command runs under (ECASE_BENCH_BASE_SETTINGS),
with the floor endpoints' URLconf and DEBUG off (DEBUG keeps every query in memory and slows each one)."""

import importlib
import os

_base = importlib.import_module(os.environ.get("ECASE_BENCH_BASE_SETTINGS", "ecase.settings.local"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

# The database of the command that started the server (under pytest: the test database).
DATABASES = {**_base.DATABASES}
if name := os.environ.get("ECASE_BENCH_DB_NAME"):
    DATABASES["default"] = {**DATABASES["default"], "NAME": name}

ROOT_URLCONF = "approvals.bench.urls"
DEBUG = False
