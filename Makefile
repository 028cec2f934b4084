PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SRC := extractor tests evaluate.py bench

.PHONY: install run test lint models bench clean

# one install with the pip that ships with Python (no upgrade): what a user's plain `pip install .` gets
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[test,spark]"
	touch $(STAMP)

install: $(STAMP)

# the main job: facts for every corpus article (three splits), then the scores beside the baseline
run: $(STAMP)
	mkdir -p out
	$(VENV)/bin/extractor extract corpus/ --no-recursive --out out/facts.jsonl --summary out/summary.json
	$(VENV)/bin/extractor extract corpus/dev --out out/facts-dev.jsonl --summary out/summary-dev.json
	$(VENV)/bin/extractor extract corpus/test --out out/facts-test.jsonl --summary out/summary-test.json
	$(VENV)/bin/extractor extract corpus/holdout --out out/facts-holdout.jsonl --summary out/summary-holdout.json
	$(PY) evaluate.py --json out/report.json

test: $(STAMP)
	$(PY) -m ruff check $(wildcard $(SRC))
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check $(wildcard $(SRC))

# rebuild the saved pipeline from config plus data (a test fails when it is stale)
models: $(STAMP)
	$(VENV)/bin/extractor build

# speed benchmark (not part of the tests): table, bench/results/results.json and speed.png
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) bench/speed.py

clean:
	rm -rf $(VENV) build *.egg-info out
