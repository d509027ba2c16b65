#!/usr/bin/env bash
# Run the test suite: ./scripts/test.sh [pytest arguments], e.g. ./scripts/test.sh tests/ecase -q
#
# Creates .venv and installs requirements-dev.txt when needed, installs Debian's chromium for the browser
# tests when it is missing and apt can be used (as root), then runs pytest and passes on its exit code.
# Embedded defaults: SQLite; set DATABASE_URL / REDIS_URL to run the PostgreSQL and Redis tests too
# (outside CI they skip without them; under CI=true they fail).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh requirements-dev.txt

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's chromium for the browser tests ..."
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
            echo "warning: could not install chromium; browser tests will skip (and fail under CI=true)" >&2
        fi
    else
        echo "note: $chromium not found and apt-get is not usable; browser tests will skip outside CI" >&2
    fi
fi

export DJANGO_SETTINGS_MODULE=ecase.settings.test
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: treated as a failure" >&2
    exit 1
fi
exit "$status"
