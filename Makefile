# eventcoder: `make demo` codes the example articles, `make test` runs the test suite.
# Both create .venv with $(PYTHON) when it is missing and (re)install the package when pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test clean

demo: $(VENV)/.installed
	$(BIN)/eventcoder code examples/*.txt --db demo.duckdb --format table

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache
