#!/usr/bin/env bash
# Run eCase on this machine: http://127.0.0.1:8000 (demo users: see README.md, password demo-pass-2026).
#
# Needs only Python 3.11. Creates .venv, installs requirements.txt, migrates, seeds the demo data, starts
# a Celery worker with embedded beat in the background, then the development server. Ctrl-C stops both.
# Embedded defaults: SQLite (db.sqlite3) and Celery's filesystem broker (.celery-broker/). Set
# DATABASE_URL and REDIS_URL to use PostgreSQL and Redis instead. ADDRESS changes where it listens.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh requirements.txt
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-ecase.settings.local}"
address="${ADDRESS:-127.0.0.1:8000}"
python=.venv/bin/python

# The filesystem broker (used when REDIS_URL is unset) needs its folders before anything enqueues a task.
broker_dir="${CELERY_BROKER_DIR:-.celery-broker}"
mkdir -p "$broker_dir/queue" "$broker_dir/processed"

"$python" manage.py migrate --noinput
"$python" manage.py seed_demo

echo "Starting the Celery worker with embedded beat (log: .celery.log) ..."
.venv/bin/celery -A ecase worker -B -l info \
    --scheduler django_celery_beat.schedulers:DatabaseScheduler >.celery.log 2>&1 &
celery_pid=$!

stop_celery() {
    if kill -0 "$celery_pid" 2>/dev/null; then
        echo "Stopping the Celery worker ..."
        kill -TERM "$celery_pid" 2>/dev/null || true
        wait "$celery_pid" 2>/dev/null || true
    fi
}
trap stop_celery EXIT
trap 'exit 130' INT TERM

echo "eCase: http://$address/  (log in as investigator / prosecutor / senior ..., password demo-pass-2026)"
"$python" manage.py runserver "$address"
