# jixiao: two commands on a fresh machine — `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-core test-postgres lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[formats,web,dev]'
	touch $(STAMP)

run: $(STAMP)
	@echo "jixiao web: migrate, load the samples as a demo (users and passwords printed once), serve on http://127.0.0.1:8000"
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao web-admin migrate --noinput
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao web-admin load_demo
	JIXIAO_INSECURE_DEV_KEY=1 $(VENV)/bin/jixiao serve --bind 127.0.0.1:8000 --workers 2

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy
	[ -x /usr/bin/chromium ] || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium)
	$(VENV)/bin/pytest -n 2 -q tests
	@echo "tests/web again on PostgreSQL ($(PG_URL))"
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -n 2 -q tests/web

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	for b in bench/*_bench.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
