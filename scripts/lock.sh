#!/usr/bin/env bash
# Regenerate the hashed locks of the whole dependency tree from the pins people edit:
#   requirements.txt      -> requirements.lock      (runtime: scripts/run.sh, the Docker image)
#   requirements-dev.txt  -> requirements-dev.lock  (runtime + tools: scripts/test.sh, CI)
# Run it after adding or changing a pin (a new dependency: its exact == pin in requirements.txt or
# requirements-dev.txt, as before). scripts/venv.sh installs the locks with pip --require-hashes.
#
#   scripts/lock.sh            keep the versions already locked, add what is new (fast, no surprise upgrades)
#   scripts/lock.sh --upgrade  re-resolve every transitive dependency to its newest allowed version
#
# Each package gets the hash of every file of its version that pip may choose: PyPI's (from its JSON API) and
# those of any other index or find-links directory configured for pip on this machine (pip-tools hashes those
# files itself), so the lock installs here and on a machine that only reaches PyPI. The runtime lock is
# constrained by the dev lock: both hold the same versions of the shared packages. At the end a check
# fails if a pin of requirements*.txt is not in its lock.
set -euo pipefail
cd "$(dirname "$0")/.."

upgrade=()
if [ "${1:-}" = "--upgrade" ]; then
    upgrade=(--upgrade)
fi

python="${PYTHON:-.venv/bin/python}"
if [ ! -x "$python" ]; then
    scripts/venv.sh requirements-dev.txt
fi
if ! "$python" -c 'import piptools' 2>/dev/null; then
    # The first lock of a tree (or a venv made before pip-tools was a dev dependency): pip-tools by its pin.
    pin="$(grep -E '^pip-tools==' requirements-dev.txt | cut -d' ' -f1)"
    "$python" -m pip install --quiet --disable-pip-version-check "$pin"
fi

compile() {  # compile <input> <output> [extra pip-compile options...]
    local input="$1" output="$2"
    shift 2
    echo "Locking $input -> $output ..."
    # The output is written to a temporary file first, so an interrupted run never leaves half a lock.
    local temporary="$output.tmp"
    if [ -f "$output" ]; then cp "$output" "$temporary"; else rm -f "$temporary"; fi
    "$python" -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
        --no-emit-index-url --no-emit-find-links --no-emit-trusted-host --annotation-style=line \
        --header --no-emit-options "${upgrade[@]}" "$@" --output-file "$temporary" "$input" 2>&1 \
        | { grep -v -E "is ignored: it is neither a file nor a directory" || true; }
    sed -i "s#$temporary#$output#g" "$temporary"
    mv "$temporary" "$output"
}

# The full tree first; the runtime lock is then taken from it (a subset: the same versions in both).
compile requirements-dev.txt requirements-dev.lock
compile requirements.txt requirements.lock --constraint requirements-dev.lock

# Every exact pin people wrote must be in its lock at that version (a lock from stale pins fails here).
status=0
for pair in requirements.txt:requirements.lock requirements-dev.txt:requirements-dev.lock; do
    pins="${pair%%:*}" lock="${pair##*:}"
    while read -r name version; do
        if ! grep -qiE "^${name//[-_.]/[-_.]}==${version//./\\.} " "$lock"; then
            echo "lock.sh: $name==$version of $pins is not in $lock" >&2
            status=1
        fi
    done < <(sed -nE 's/^([A-Za-z0-9_.-]+)(\[[^]]*\])?==([^ ;#]+).*/\1 \3/p' "$pins")
done
if [ "$status" -eq 0 ]; then
    echo "Locked: $(grep -c '^[A-Za-z0-9]' requirements.lock) runtime packages," \
        "$(grep -c '^[A-Za-z0-9]' requirements-dev.lock) with the tools, every file hashed."
fi
exit "$status"
