# Two commands for users: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install bench clean-data

# The venv is rebuilt when the pins change.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing pinned dependencies into $(VENV) (first time: about a minute)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e . > $(VENV)/editable-install.log 2>&1 || (cat $(VENV)/editable-install.log; exit 1)
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run seeds/sample/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/clean.py

clean-data:
	rm -rf data warehouse/dateline.duckdb warehouse/dateline.duckdb.wal
