# `make run` serves the graph, `make check` is the quick feedback (lint, types, unit tests; under a
# minute), `make test` runs everything (in parallel). Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
STORE ?= oxigraph:data/newsgraph
# pytest-xdist workers for `make test` (auto: one per CPU)
WORKERS ?= auto

.PHONY: run test check lint unit venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph ingest seeds/ --store $(STORE)
	$(BIN)/newsgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Tests that need no spaCy pipeline, no ingested store and no server (marked `unit` in tests/conftest.py).
unit: $(STAMP)
	$(BIN)/python -m pytest -q -m unit -p no:schemathesis

# lint and unit tests side by side: mypy's first run (no .mypy_cache) takes as long as the tests
check: $(STAMP)
	$(MAKE) --no-print-directory -j2 lint unit

test: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS)

clean:
	rm -rf $(VENV) data build *.egg-info
