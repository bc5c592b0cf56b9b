# One interface for everyone: make serve | make test | make build | make update
# First run of `serve`/`test` creates the virtualenvs from pyproject.toml's dependency groups.

PYTHON      ?= python3
DOCS_VENV   := .venv
TEST_VENV   := .venv-test
DOCS_STAMP  := $(DOCS_VENV)/.installed
TEST_STAMP  := $(TEST_VENV)/.installed
NPM_STAMP   := node_modules/.installed
SHELL := bash
.SHELLFLAGS := -o pipefail -ec
# pip warns about every optional local index folder it cannot find: keep the log readable
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither' || true; }
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test update lint browser clean help

help:
	@echo "make serve   - live-reloading site on http://127.0.0.1:8000 (creates .venv on first run)"
	@echo "make test    - whole test suite (creates .venv-test, installs chromium if missing)"
	@echo "make build   - strict build into site/"
	@echo "make update  - regenerate every generated output (snippet outputs, figures, notebooks)"
	@echo "               make update FILE=snippets/day12/gather_01.py: only that file"
	@echo "make lint    - ruff over hooks/, tools/, tests/, bench/ and snippets/"

# Docs environment: mkdocs + theme + extensions only. No torch.
$(DOCS_STAMP): pyproject.toml
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install -q --upgrade "pip>=25.1" $(QUIET_PIP)
	$(DOCS_VENV)/bin/python -m pip install -q --group docs $(QUIET_PIP)
	touch $@

# Test environment: docs group + torch, pytest, playwright, ...
$(TEST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/python -m pip install -q --upgrade "pip>=25.1" $(QUIET_PIP)
	$(TEST_VENV)/bin/python -m pip install -q --group test $(QUIET_PIP)
	touch $@

# Browser tests drive Debian's Chromium; axe-core comes from npm.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

serve: $(DOCS_STAMP)
	$(DOCS_VENV)/bin/mkdocs serve --livereload -w snippets -w img -w overrides -w hooks

build: $(DOCS_STAMP)
	$(DOCS_VENV)/bin/mkdocs build --strict --site-dir site

test: $(DOCS_STAMP) $(TEST_STAMP) $(NPM_STAMP) browser lint
	$(TEST_VENV)/bin/python -m pytest

lint: $(TEST_STAMP)
	$(TEST_VENV)/bin/ruff check hooks tools tests bench snippets

# make update FILE=snippets/day12/gather_01.py : only that file (several: FILE="a.py b.py")
update: $(TEST_STAMP)
	$(TEST_VENV)/bin/python -m tools.update $(FILE)

clean:
	rm -rf site .pytest_cache
