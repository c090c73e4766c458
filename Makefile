# kg — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

## run: build the graph from seeds/ and write out/graph.ttl and out/graph.html
run: $(STAMP)
	$(BIN)/kg build seeds/
	$(BIN)/kg export --format turtle -o out/graph.ttl

## test: run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: benchmarks (KG_BENCH_CORPUS=/path/to/articles to use a real corpus)
bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -p no:randomly --benchmark-columns=min,mean,max,rounds

clean:
	rm -rf $(VENV) .kg out
