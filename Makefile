# jixiao: two commands on a fresh machine — `make run` and `make test`.
# Both install the Debian packages they call when missing and run as root (.ci/system-packages: LibreOffice
# writer and calc, poppler, Chromium, Noto CJK fonts; otherwise one line says what to install) and a virtualenv
# in .venv: `run` the web app's locked deployment set (requirements.lock), `test` that set plus the dev tools.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-core test-postgres system system-run lint bench lock clean

$(RUN_STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "jixiao needs Python 3.11 or newer: $(PYTHON) is $$($(PYTHON) -V 2>&1) (make PYTHON=python3.12 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	$(PIP) install -q --no-deps -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): $(RUN_STAMP)
	$(PIP) install -q -c requirements.lock -e '.[formats,web,dev]'
	touch $(TEST_STAMP)

# The Debian packages (as root, waiting for another apt run's lock); without root, one line of what is missing.
system:
	@sh .ci/system-packages test

system-run:
	@sh .ci/system-packages run

run: system-run $(RUN_STAMP)
	@echo "jixiao web: migrate, load the samples as a demo (users and passwords printed once), serve on http://127.0.0.1:8000"
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao web-admin migrate --noinput
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao web-admin load_demo
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao serve --bind 127.0.0.1:8000 --workers 2

test: system lint test-core test-postgres

test-core: $(TEST_STAMP)
	$(VENV)/bin/pytest -n 2 -q tests

# tests/web again on PostgreSQL. Outside CI a server that cannot be reached is said, not failed; in CI it fails.
test-postgres: $(TEST_STAMP)
	@if $(PY) -c "import psycopg; psycopg.connect('$(PG_URL)', dbname='postgres', connect_timeout=5).close()" 2>/dev/null; then \
	  echo "tests/web again on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -n 2 -q tests/web; \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL stage FAILED: no server reachable at $(PG_URL) (CI must run it)"; exit 1; \
	else \
	  echo "PostgreSQL stage NOT RUN: no server reachable at $(PG_URL); start one or set PG_URL=postgresql://user@host:port/db"; \
	fi

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

bench: $(TEST_STAMP)
	for b in bench/*_bench.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Re-resolve the deployment set after a change of pyproject.toml's dependencies (pip-tools' pip-compile).
lock: $(TEST_STAMP)
	$(PIP) install -q pip-tools
	$(VENV)/bin/pip-compile -q --extra formats --extra web --strip-extras --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
