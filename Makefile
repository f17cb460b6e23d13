# tracker — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := tracker

## make translations: extract the messages (pybabel), merge them into the English .po, compile it.
translations: $(BIN)/flask
	$(BIN)/python scripts/translations.py

.PHONY: translations run test install install-test system-test-deps postgres test-sqlite test-postgres lint bench bench-reader clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $(BIN)/flask

MO := tracker/translations/en/LC_MESSAGES/messages.mo
$(MO): tracker/translations/en/LC_MESSAGES/messages.po $(BIN)/flask
	$(BIN)/python scripts/translations.py compile

# The browser libraries (calendar, multi-select) from the npm registry, served from tracker/static/vendor.
VENDOR := tracker/static/vendor/.installed
$(VENDOR): package-lock.json scripts/vendor.sh
	@bash scripts/vendor.sh

install: $(BIN)/flask $(MO) $(VENDOR)

## make run: install, migrate, load the demo data if the database is empty, start the web app and the scheduler.
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo --if-empty
	@bash scripts/run.sh $(HOST) $(PORT)

## make test: install what the tests need (PostgreSQL, Chromium), run the whole suite on SQLite and on PostgreSQL.
test: install system-test-deps
	@bash scripts/test.sh

system-test-deps:
	@bash scripts/system_deps.sh

postgres:
	@bash scripts/postgres.sh

lint: install
	$(BIN)/ruff check tracker tests
	$(BIN)/ruff format --check tracker tests scripts wsgi.py
	$(BIN)/python scripts/import_graph.py --check
	$(BIN)/bandit -q -r tracker -c pyproject.toml

bench: install
	@BENCH_SHAPE=$(SHAPE) bash scripts/bench.sh

## make bench-reader: the programme reader's accuracy on the labelled corpus, per document (no database).
bench-reader: install
	$(BIN)/python -m tracker.reader.score

clean:
	rm -rf $(VENV) instance/ .pytest_cache node_modules tracker/static/vendor
