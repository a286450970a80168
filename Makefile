# ppid — two commands do all set-up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
VENDOR := ppid/static/vendor

.PHONY: run test lint typecheck migrations-check pytest bench static messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Front-end assets come from the npm registry at pinned versions and are served by Django itself.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)/htmx
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	touch $@

static: $(VENDOR)/.installed

run: $(VENV)/.installed static
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy ppid

migrations-check: $(VENV)/.installed-dev
	$(MANAGE) makemigrations --check --dry-run

# pytest exits 5 when it collected no tests: that is a failure here, never a pass.
pytest: $(VENV)/.installed-dev static
	PYTEST=$(VENV)/bin/pytest bash scripts/pytest.sh $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

bench: $(VENV)/.installed-dev static
	$(PY) bench/run.py

# Regenerate translation catalogues after changing user-facing strings.
messages: $(VENV)/.installed-dev
	cd ppid && ../$(MANAGE) makemessages -l id --no-obsolete
	cd ppid && ../$(MANAGE) compilemessages -l id

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles .pytest_cache .mypy_cache .ruff_cache
