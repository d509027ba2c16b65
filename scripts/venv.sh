#!/usr/bin/env bash
# Create .venv if missing and install a requirements file into it, quietly, only when it changed.
#   scripts/venv.sh requirements.txt | requirements-dev.txt
# A stamp file in .venv, keyed on the hash of the requirements files, skips pip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="${1:-requirements.txt}"

if [ ! -x .venv/bin/python ]; then
    python=""
    for candidate in "${PYTHON:-}" python3.11 python3 python; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
    if [ -z "$python" ]; then
        echo "eCase needs Python 3.11 (set PYTHON=/path/to/python3.11)." >&2
        exit 1
    fi
    echo "Creating .venv with $python ..."
    "$python" -m venv .venv
fi

# The stamp covers the file and everything it includes with -r.
hash="$(cat "$requirements" requirements.txt | sha256sum | cut -c1-16)"
stamp=".venv/.installed-${requirements%.txt}-$hash"
if [ ! -f "$stamp" ]; then
    echo "Installing $requirements into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    rm -f .venv/.installed-"${requirements%.txt}"-*
    touch "$stamp"
fi
