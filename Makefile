# make test — set up everything and run lint, types and the tests.
# make demo — set up everything and open the desk against an embedded sandbox and relay.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test demo lint typecheck pytest deps venv bench clean

deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

lint: venv
	$(BIN)/python scripts/check_layers.py
	$(BIN)/ruff check src tests benchmarks scripts/check_layers.py
	$(BIN)/ruff format --check src tests benchmarks

typecheck: venv
	$(BIN)/mypy

pytest: venv
	QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="qt.multimedia*=false" $(BIN)/pytest $(PYTEST_ARGS)

test: deps venv lint typecheck pytest

demo: deps venv
	$(BIN)/kitchen-app demo $(DEMO_ARGS)

bench: venv
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build
