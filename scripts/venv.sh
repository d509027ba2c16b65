#!/usr/bin/env bash
# Create .venv if missing and install the hashed lock of a requirements file into it, quietly, only when the
# lock changed:
#   scripts/venv.sh requirements.txt | requirements-dev.txt
# installs requirements.lock | requirements-dev.lock (the whole dependency tree, every file's hash; made by
# scripts/lock.sh from the pins in requirements*.txt) with pip --require-hashes: a file whose hash is not in the
# lock is refused. A stamp file in .venv, keyed on the hash of the lock, skips pip when nothing changed.
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

lock="${requirements%.txt}.lock"
if [ ! -f "$lock" ]; then
    echo "$lock is missing: run scripts/lock.sh." >&2
    exit 1
fi
# A pin changed in requirements*.txt without re-locking would be silently ignored: refuse instead.
while read -r name version; do
    if ! grep -qiE "^${name//[-_.]/[-_.]}==${version//./\\.} " "$lock"; then
        echo "$requirements pins $name==$version but $lock does not: run scripts/lock.sh." >&2
        exit 1
    fi
done < <(cat "$requirements" requirements.txt | sed -nE 's/^([A-Za-z0-9_.-]+)(\[[^]]*\])?==([^ ;#]+).*/\1 \3/p')

hash="$(sha256sum "$lock" | cut -c1-16)"
stamp=".venv/.installed-${requirements%.txt}-$hash"
if [ ! -f "$stamp" ]; then
    echo "Installing $lock into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
    rm -f .venv/.installed-"${requirements%.txt}"-*
    touch "$stamp"
fi
