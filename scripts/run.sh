#!/usr/bin/env bash
# Run eCase on this machine: http://127.0.0.1:8000 (demo users: see README.md, password demo-pass-2026).
#
# Needs only Python 3.11. Creates .venv, installs requirements.txt, migrates, seeds the demo data, starts
# a Celery worker and beat in the background, then the development server. Ctrl-C stops all of them
# within 10 s (a warm shutdown first, then a kill). Embedded defaults: SQLite (db.sqlite3) and Celery's
# filesystem broker (.celery-broker/). Set DATABASE_URL and REDIS_URL to use PostgreSQL and Redis instead.
# ADDRESS changes where it listens; SEED_DEMO=false skips the demo data; CELERY_LOG moves the Celery log.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh requirements.txt
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-ecase.settings.local}"
address="${ADDRESS:-127.0.0.1:8000}"
celery_log="${CELERY_LOG:-.celery.log}"
python=.venv/bin/python

# The filesystem broker (used when REDIS_URL is unset) needs its folders before anything enqueues a task.
broker_dir="${CELERY_BROKER_DIR:-.celery-broker}"
mkdir -p "$broker_dir/queue" "$broker_dir/processed"

"$python" manage.py migrate --noinput
if [ "${SEED_DEMO:-true}" != "false" ]; then
    "$python" manage.py seed_demo
fi

pids=()
stop_all() {
    trap - INT TERM EXIT
    [ "${#pids[@]}" -gt 0 ] || return 0
    echo "Stopping the server, the Celery worker and beat ..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # Up to 8 s for a warm shutdown (a running task finishes; acks_late re-queues it otherwise), then kill.
    for _ in $(seq 1 16); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" -eq 0 ] && break
        sleep 0.5
    done
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            pkill -KILL -P "$pid" 2>/dev/null || true
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

echo "Starting the Celery worker and beat (log: $celery_log) ..."
: >"$celery_log"  # both append to it (a plain > would let one overwrite the other's lines)
# Worker and beat as separate processes: the embedded beat (-B) made the worker hang in "beat: Shutting down".
"$python" -m celery -A ecase worker -l info --pool solo >>"$celery_log" 2>&1 &
pids+=($!)
"$python" -m celery -A ecase beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler \
    --pidfile= >>"$celery_log" 2>&1 &
pids+=($!)

echo "eCase: http://$address/  (log in as investigator / prosecutor / senior ..., password demo-pass-2026)"
# In the background and waited for, so Ctrl-C reaches the trap at once (bash runs traps only between commands).
"$python" manage.py runserver --noreload "$address" &
pids+=($!)
wait "${pids[-1]}"
