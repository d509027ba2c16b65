#!/usr/bin/env bash
# Supply chain and code security checks (CI runs this; so can a developer):
#   1. bandit over the code: fails on any high-severity finding (medium ones are reviewed with ruff's S rules).
#   2. pip-audit over the hashed locks of the whole dependency tree (requirements.lock, requirements-dev.lock,
#      made by scripts/lock.sh): fails on a known vulnerability, and on a requirement it could not audit.
#      Where no vulnerability service is reachable (PyPI's per-version JSON API, which pip-audit's "pypi"
#      service reads, or api.osv.dev), it says so and skips: an audit that audited nothing must not pass as clean.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"

echo "bandit (high severity fails):"
"$python" -m bandit -q -r ecase approvals complaints stats legality signatures integrations scripts manage.py \
    gunicorn.conf.py -x '*/migrations/*' --severity-level high --confidence-level medium

probe() {  # probe <url> [any]: HTTP 200 within 15 s (with "any": any HTTP answer at all)
    "$python" - "$@" <<'PY'
import sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=15) as r:  # noqa: S310
        sys.exit(0 if r.status == 200 else 1)
except urllib.error.HTTPError:
    sys.exit(0 if sys.argv[2:] == ["any"] else 1)
except Exception:  # noqa: BLE001
    sys.exit(1)
PY
}

django_pin="$(sed -n 's/^Django==\([^ ]*\).*/\1/p' requirements.txt)"
service=""
if probe "https://pypi.org/pypi/Django/$django_pin/json"; then
    service=pypi
elif probe "https://api.osv.dev/" any; then
    service=osv
fi
if [ -z "$service" ]; then
    echo "pip-audit: SKIPPED - no vulnerability service reachable from this machine:" \
        "https://pypi.org/pypi/Django/$django_pin/json (PyPI's per-version JSON API, where pip-audit reads the" \
        "vulnerabilities) does not answer 200, and https://api.osv.dev/ cannot be reached."
    exit 0
fi
for lock in requirements.lock requirements-dev.lock; do
    echo "pip-audit ($service) over $lock:"
    "$python" -m pip_audit --strict --progress-spinner off --vulnerability-service "$service" --require-hashes \
        --disable-pip -r "$lock"
done
