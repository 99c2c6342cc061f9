# citemetiers — two commands on a fresh machine with Python >= 3.11, git and make:
#   make demo   set everything up and serve the demo network on http://127.0.0.1:8000
#   make test   quality checks, then the whole suite on SQLite, on PostgreSQL and in Chromium

PYTHON ?= python3
UV_VERSION ?= 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST := $(VENV)/bin/pytest
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
# Test workers (pytest-xdist): one per core, in every pass. In the browser pass each worker has its
# own in-memory database, live server and Chromium. WORKERS=0 runs in one process.
WORKERS ?= auto

export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: vendor demo test install messages quality check-deploy fix test-sqlite test-postgres test-browser browser serve clean help

help:
	@echo "make demo   — install, migrate, seed the demo network and serve it on http://$(HOST):$(PORT)"
	@echo "make test   — quality checks, then the test suite on SQLite, PostgreSQL and Chromium"

# Reinstall the vendored assets' packages from PyPI (the versions uv.lock pins) and rewrite the
# manifest of what they serve (citemetiers/core/vendor.json, checked by tests/core/test_vendor.py).
# `make vendor UPGRADE=1` first moves them to their newest release in uv.lock.
VENDOR_PACKAGES := django-htmx xstatic-leaflet xstatic-leaflet-markercluster axe-playwright-python
vendor: $(UV)
	$(if $(UPGRADE),$(UV) lock $(foreach p,$(VENDOR_PACKAGES),--upgrade-package $(p)),)
	$(UV) sync --frozen $(foreach p,$(VENDOR_PACKAGES),--reinstall-package $(p))
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m citemetiers.core.vendor

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# The locked dependencies (uv.lock), installed into .venv.
install: $(UV)
	$(UV) sync --frozen --quiet

messages: install
	$(MANAGE) compilecatalogues >/dev/null

demo: messages
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) seed_demo --if-empty
	@echo "Serving the demo on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@# The background worker runs beside the server, as in production (reports and roster proposals
	@# show their progress); it stops with the server. See the README, "Background work".
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) db_worker --interval 1 --no-reload -v 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) runserver $(HOST):$(PORT)

quality: messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint citemetiers --check
	$(VENV)/bin/djlint citemetiers --lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(MAKE) --no-print-directory check-deploy

# The production settings with dummy secrets (prod.py refuses the development key and no hosts).
check-deploy:
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=ci-dummy-secret-key-that-is-long-enough-to-pass-the-deploy-check-0123456789 \
		ALLOWED_HOSTS=citemetiers.example.org $(MANAGE) check --deploy --fail-level WARNING

# Fix what the formatters and ruff can fix by themselves; `make quality` says what remains.
fix: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint citemetiers --reformat

test-sqlite: messages
	env -u DATABASE_URL $(PYTEST) -n $(WORKERS) --ignore=tests/browser -m "not postgres"

test-postgres: messages
	$(PY) scripts/with_postgres.py $(PYTEST) -n $(WORKERS) --ignore=tests/browser

# Debian's Chromium when present; otherwise Playwright's own build, installed once.
browser: install
	@if [ ! -x "$(CHROMIUM)" ]; then $(VENV)/bin/playwright install chromium; fi

test-browser: messages browser
	env -u DATABASE_URL CHROMIUM=$(CHROMIUM) $(PYTEST) -n $(WORKERS) tests/browser

test: quality test-sqlite test-postgres test-browser

# Production-style serving (settings from the environment, see .env.example and the README).
serve: messages
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input -v 0
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py config.wsgi

clean:
	rm -rf $(VENV) $(TOOLS) var
