# eventcoder: `make demo` codes the example articles into eventcoder.duckdb (the store `eventcoder events`, `stats`,
# `serve` ... read by default), `make test` runs the test suite, `make bench` measures.
# Both create .venv with $(PYTHON) when it is missing and (re)install the package when pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test bench soak clean

demo: $(VENV)/.installed
	$(BIN)/eventcoder code examples/*.txt --format table

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# Throughput on ../shared/bench (about 15 minutes; writes benchmarks/RESULTS.md), (b) and the start (f) also against
# the commit $(BASELINE) (the last before the actor knowledge of issue 15; issue 13's reference was c03c6de).
# Not part of the tests.
BASELINE ?= bce2689
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench.py --baseline $(BASELINE)

# Memory over 10,000 articles on 2 workers (20 minutes or more), then the fuzz property over 2 x 20,000 mutations
# of the seed article (about 30 minutes more); both write benchmarks/RESULTS.md.
soak: $(VENV)/.installed-test
	nice $(BIN)/python benchmarks/soak.py
	nice $(BIN)/python benchmarks/fuzz_soak.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# The store eventcoder.duckdb stays: by then it may hold your own articles.
clean:
	rm -rf $(VENV) .pytest_cache
