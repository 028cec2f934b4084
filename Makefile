PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint models clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) evaluate.py

test: $(STAMP)
	$(PY) -m ruff check extractor tests evaluate.py
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check extractor tests evaluate.py

clean:
	rm -rf $(VENV) build *.egg-info
