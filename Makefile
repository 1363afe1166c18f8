# Two commands for a fresh clone: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install serve migrate seed worker beat gunicorn messages vendor-check clean bench

run: install migrate seed serve ## set up, migrate, seed demo data and serve on http://127.0.0.1:8000

test: install ## install everything and run the whole suite (real PostgreSQL + Redis when available)
	@bash scripts/test.sh

install: .venv/.requirements.stamp node_modules/.stamp

.venv/.requirements.stamp: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

migrate:
	$(PY) manage.py migrate --noinput

seed:
	$(PY) manage.py seed_demo

serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (SQLite + eager Celery unless DATABASE_URL/REDIS_URL are set)"
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install ## a real Celery worker (needs REDIS_URL)
	.venv/bin/celery -A doradztwo worker --loglevel=INFO --concurrency=2

beat: install ## the Celery beat scheduler (needs REDIS_URL): flushes the outbox every minute
	.venv/bin/celery -A doradztwo beat --loglevel=INFO --schedule=/tmp/doradztwo-celerybeat-schedule

gunicorn: install ## production web server (DEBUG=False, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL)
	.venv/bin/python manage.py collectstatic --noinput
	.venv/bin/gunicorn -c scripts/gunicorn.conf.py doradztwo.wsgi

bench: install ## national-scale benchmark on PostgreSQL + gunicorn (DEBUG=False), resumable; writes docs/performance.md
	$(PY) bench/run.py

messages: install ## refresh the pl/en catalogues after changing user-visible strings
	$(PY) manage.py makemessages -l pl -l en --no-obsolete --no-wrap -i .venv -i node_modules -i staticfiles
	$(PY) manage.py compilemessages -i .venv -i node_modules

vendor-check: install
	$(PY) manage.py vendor_check

clean:
	rm -rf .venv node_modules staticfiles test-artifacts
