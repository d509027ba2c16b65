# The few commands a newcomer needs. Each works on a fresh machine with Python 3.11.
# Set DATABASE_URL / REDIS_URL to use PostgreSQL / Redis instead of SQLite and the filesystem broker.

SHELL := /bin/bash
PY := .venv/bin/python
CASES ?= 100000

.PHONY: help run test lint format bench bench-lists worker beat messages dev ci

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run:  ## migrate, seed the demo data, start worker + beat and the server on http://127.0.0.1:8000
	./scripts/run.sh

test:  ## the test suite (pass pytest arguments with ARGS="tests/ecase -q")
	./scripts/test.sh $(ARGS)

dev:  ## create .venv with the development tools
	scripts/venv.sh requirements-dev.txt

lint: dev  ## ruff check, ruff format --check, mypy
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy .

format: dev  ## fix what ruff can fix, format the code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: dev  ## time seeding CASES (default 100000) generated cases, then verifying the audit chain
	mkdir -p .celery-broker/queue .celery-broker/processed
	$(PY) manage.py migrate --noinput
	time $(PY) manage.py seed_demo --cases $(CASES)
	time $(PY) manage.py verify_audit

bench-lists: dev  ## req/s of the inbox and case list APIs against floor endpoints behind gunicorn (seeds CASES if missing)
	mkdir -p .celery-broker/queue .celery-broker/processed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench_lists --cases $(CASES)

worker: dev  ## a Celery worker in the foreground (run `make beat` beside it for the periodic tasks)
	mkdir -p .celery-broker/queue .celery-broker/processed
	$(PY) -m celery -A ecase worker -l info

beat: dev  ## Celery beat in the foreground (the schedule lives in the database, editable in the admin)
	mkdir -p .celery-broker/queue .celery-broker/processed
	$(PY) -m celery -A ecase beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler --pidfile=

messages: dev  ## update and compile the Russian and Kazakh translations (needs gettext)
	$(PY) manage.py makemessages -l ru -l kk --ignore=.venv --ignore=staticfiles --ignore=media --ignore=tests --no-obsolete
	$(PY) manage.py makemessages -d djangojs -l ru -l kk --ignore=.venv --ignore=staticfiles --ignore=media --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

ci:  ## what CI runs (services, fresh database, lint, checks, tests)
	CI=true .ci/run
