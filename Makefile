# Newsroom — `make run` to try it, `make test` to check it. Everything installs into .venv.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 on the PATH (Django 6.1 needs it).
SYSTEM_PYTHON := $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$p; break; fi; done)

.PHONY: help install run test test-db lint format serve worker clean-venv

WORKERS ?= 2

help:
	@echo "make run    set up .venv, migrate, load sample content, serve on http://$(HOST):$(PORT)/"
	@echo "make test   set up .venv, then run ruff and the whole test suite"
	@echo "make test-db  only the tests that use a database (CI runs them on PostgreSQL too)"
	@echo "make serve  production mode with gunicorn (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS)"

$(VENV)/bin/activate:
	@if [ -z "$(SYSTEM_PYTHON)" ]; then \
		echo "error: Newsroom needs Python 3.12 or newer (python3.13 or python3.12 on the PATH); none was found." >&2; \
		exit 1; fi
	$(SYSTEM_PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_sample --if-empty
	@$(PY) -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
		r = s.connect_ex(("$(HOST)", $(PORT))); s.close(); \
		sys.exit("error: port $(PORT) on $(HOST) is already in use; stop what runs there or use make run PORT=8001") if r == 0 else None'
	@echo ""
	@echo "  Newsroom:      http://$(HOST):$(PORT)/"
	@echo "  Editors' desk: http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins (development only): editor / newsroom-editor, reviewer / newsroom-reviewer"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

# The database tests alone (marked `database` by tests/conftest.py): the engine, the gold set and
# the readers never touch a database, so another database need not run them again.
test-db: install
	$(PY) -m pytest -m database $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production mode: gunicorn, DEBUG off, static files collected and served by whitenoise.
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (README, "Production").
serve: install
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then echo "error: set DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS) to serve in production mode" >&2; exit 1; fi
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --no-input -v0
	DJANGO_DEBUG=0 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--preload --access-logfile - --error-logfile -

worker: install
	$(PY) manage.py db_worker

clean-venv:
	rm -rf $(VENV)
