PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SRC := extractor tests evaluate.py bench

.PHONY: install run test lint models bench browser-test clean

# one install with the pip that ships with Python (no upgrade): what a user's plain `pip install .` gets
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[test,spark]"
	touch $(STAMP)

install: $(STAMP)

# the main job: facts for every corpus article (every split), then the scores beside the baseline
run: $(STAMP)
	mkdir -p out
	$(VENV)/bin/extractor extract corpus/ --no-recursive --out out/facts.jsonl --summary out/summary.json
	$(VENV)/bin/extractor extract corpus/dev --out out/facts-dev.jsonl --summary out/summary-dev.json
	$(VENV)/bin/extractor extract corpus/test --out out/facts-test.jsonl --summary out/summary-test.json
	$(VENV)/bin/extractor extract corpus/holdout --out out/facts-holdout.jsonl --summary out/summary-holdout.json
	$(VENV)/bin/extractor extract corpus/overlap --out out/facts-overlap.jsonl --summary out/summary-overlap.json
	$(VENV)/bin/extractor extract corpus/news --out out/facts-news.jsonl --summary out/summary-news.json
	$(VENV)/bin/extractor extract corpus/fresh --out out/facts-fresh.jsonl --summary out/summary-fresh.json
	$(VENV)/bin/extractor extract corpus/final --out out/facts-final.jsonl --summary out/summary-final.json
	$(VENV)/bin/extractor extract corpus/final2 --out out/facts-final2.jsonl --summary out/summary-final2.json
	$(VENV)/bin/extractor extract corpus/final3 --out out/facts-final3.jsonl --summary out/summary-final3.json
	$(VENV)/bin/extractor extract corpus/final4 --out out/facts-final4.jsonl --summary out/summary-final4.json
	$(VENV)/bin/extractor extract corpus/final5 --out out/facts-final5.jsonl --summary out/summary-final5.json
	$(VENV)/bin/extractor extract corpus/final6 --out out/facts-final6.jsonl --summary out/summary-final6.json
	$(VENV)/bin/extractor extract corpus/final7 --out out/facts-final7.jsonl --summary out/summary-final7.json
	$(VENV)/bin/extractor extract corpus/final8 --out out/facts-final8.jsonl --summary out/summary-final8.json
	$(VENV)/bin/extractor extract corpus/final9 --out out/facts-final9.jsonl --summary out/summary-final9.json
	$(VENV)/bin/extractor extract corpus/final10 --out out/facts-final10.jsonl --summary out/summary-final10.json
	$(VENV)/bin/extractor extract corpus/final11 --out out/facts-final11.jsonl --summary out/summary-final11.json
	$(VENV)/bin/extractor extract corpus/final12 --out out/facts-final12.jsonl --summary out/summary-final12.json
	$(VENV)/bin/extractor extract corpus/final13 --out out/facts-final13.jsonl --summary out/summary-final13.json
	$(VENV)/bin/extractor extract corpus/final14 --out out/facts-final14.jsonl --summary out/summary-final14.json
	$(PY) evaluate.py --json out/report.json --html out/errors.html
	$(VENV)/bin/extractor view corpus/ corpus/dev corpus/test corpus/holdout corpus/overlap corpus/news corpus/fresh corpus/final corpus/final2 corpus/final3 corpus/final4 corpus/final5 corpus/final6 corpus/final7 corpus/final8 corpus/final9 corpus/final10 corpus/final11 corpus/final12 corpus/final13 corpus/final14 --out out/report.html

test: $(STAMP)
	$(PY) -m ruff check $(wildcard $(SRC))
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check $(wildcard $(SRC))

# rebuild the saved pipeline from config plus data (a test fails when it is stale)
models: $(STAMP)
	$(VENV)/bin/extractor build

# speed benchmarks (not part of the tests): table, bench/results/results.json and speed.png;
# consolidation of 1 million synthetic facts, bench/results/consolidate.json
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) bench/speed.py
	$(PY) bench/consolidate.py

# the HTML view in headless Chromium (Debian's chromium + chromium-driver; no browser is downloaded by a tool)
browser-test: $(STAMP)
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y chromium chromium-driver)
	$(PY) -m pip install --quiet -e ".[test,browser]"
	mkdir -p docs
	EXTRACTOR_BROWSER_TEST=required EXTRACTOR_SCREENSHOT=docs/view-seed.png $(PY) -m pytest tests/test_view_browser.py -v

clean:
	rm -rf $(VENV) build *.egg-info out
