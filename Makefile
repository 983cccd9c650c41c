# vvgctl — the two commands: `make run` (the main job on minutes/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck schema bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/vvgctl check minutes
	$(BIN)/vvgctl summary minutes

test: install
	$(BIN)/ruff check vvgctl tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

schema: install
	$(BIN)/vvgctl schema

bench: install
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) build .vvgctl-cache
