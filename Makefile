# m3-agent: `make demo` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# The reference data beside the project (tests, CI and benchmarks read it in place).
SHARED_DATA ?= $(abspath ../shared/data)
DEMO_LOCAL := $(SHARED_DATA)/mimic-iv-demo-2.2
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: install demo test bench lint clean npm-tools

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, as the CPU build on this machine's disk: a plain requirement pulls CUDA wheels.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev,bench]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The MCP Inspector (a real third-party MCP client) for the end-to-end tests, where npm exists.
npm-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  test -d .npm-tools/node_modules/@modelcontextprotocol/inspector || \
	  (mkdir -p .npm-tools && cd .npm-tools && npm install --silent --no-audit --no-fund \
	     @modelcontextprotocol/inspector >/dev/null 2>&1 || echo "npm install of the MCP Inspector failed; its tests will skip"); \
	else echo "npm not found: the MCP Inspector tests will skip"; fi

demo: install
	@if [ -d "$(DEMO_LOCAL)" ]; then src="$(DEMO_LOCAL)"; else src="https://physionet.org/files/mimic-iv-demo/2.2/"; fi; \
	  $(VENV)/bin/m3-agent init --dataset mimic-iv-demo --source "$$src"
	$(PY) examples/first_question.py

test: install npm-tools
	M3AGENT_SHARED_DATA=$(SHARED_DATA) $(PY) -m pytest -q -p no:cacheprovider

bench: install
	M3AGENT_SHARED_DATA=$(SHARED_DATA) $(PY) benchmarks/run_all.py

lint: install
	$(VENV)/bin/ruff check server tools calculators retrieval agents audit tests benchmarks examples

clean:
	rm -rf $(VENV) .npm-tools .pytest_cache
