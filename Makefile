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

.PHONY: help install run test test-db lint format serve worker clean-venv lighthouse html-check

WORKERS ?= 2

help:
	@echo "make run    set up .venv, migrate, load sample content, serve on http://$(HOST):$(PORT)/"
	@echo "make test   set up .venv, then run ruff and the whole test suite"
	@echo "make test-db  only the tests that use a database (CI runs them on PostgreSQL too)"
	@echo "make serve  production mode with gunicorn (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS)"
	@echo "make lighthouse  Lighthouse scores of home, dispatch, speaker, quotation search (a running site)"
	@echo "make html-check  the W3C Nu HTML checker on the same pages"

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

# Lighthouse and the Nu HTML checker, installed with npm on demand OUTSIDE the repository (never
# a node_modules here), run against Debian's Chromium and a site already running at
# $(SITE) with the sample content (make run, or make serve for production figures). They time
# pages: commands, not tests.
TOOLS_DIR ?= $(HOME)/.cache/newsroom-tools
SITE ?= http://$(HOST):$(PORT)
CHROMIUM ?= /usr/bin/chromium
AUDIT_PAGES ?= home=/ \
	dispatch=/dispatches/corvalis-industries-va-fermer-son-usine-de-saint-aulvin-sur-corne-340-emplois-menaces/ \
	speaker=/people/karim-lestrade/ quotes=/quotes/?q=usine

$(TOOLS_DIR)/node_modules/.bin/lighthouse:
	npm install --prefix $(TOOLS_DIR) --no-audit --no-fund lighthouse@13.5.0 vnu-jar@26.9.27

lighthouse: $(TOOLS_DIR)/node_modules/.bin/lighthouse
	@for entry in $(AUDIT_PAGES); do name=$${entry%%=*}; path=$${entry#*=}; \
		CHROME_PATH=$(CHROMIUM) $(TOOLS_DIR)/node_modules/.bin/lighthouse "$(SITE)$$path" --quiet \
			--chrome-flags="--headless=new --no-sandbox" --output=json \
			--output-path=$(TOOLS_DIR)/$$name.json \
			--only-categories=performance,accessibility,best-practices,seo || exit 1; \
		node -e "const r = require('$(TOOLS_DIR)/' + process.argv[1] + '.json'); \
			console.log(process.argv[1].padEnd(9), Object.values(r.categories) \
			.map(c => c.id + ' ' + Math.round(c.score * 100)).join('  '))" $$name; \
	done

html-check: $(TOOLS_DIR)/node_modules/.bin/lighthouse
	@mkdir -p $(TOOLS_DIR)/html && for entry in $(AUDIT_PAGES) people=/people/; do \
		curl -sf "$(SITE)$${entry#*=}" -o "$(TOOLS_DIR)/html/$${entry%%=*}.html" || exit 1; done
	@# htmx's hx- attributes are not HTML's: everything else must pass.
	@java -jar $(TOOLS_DIR)/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu \
		$(TOOLS_DIR)/html/*.html 2>&1 | grep -v '“hx-' && exit 1 || echo "Nu HTML checker: no error besides htmx's hx- attributes"
