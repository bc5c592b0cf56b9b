# One interface for everyone: make serve | make check | make test | make build | make update
# First run of `serve`/`test` creates the virtualenvs from pyproject.toml's dependency groups.
# `make help` lists every target.

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
# nbconvert lists its exporters by instantiating each one at import: 0.2-0.4 s per build for a
# help string (tests/support.py BUILD_ENV explains)
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

# `make serve PORT=8001` when 8000 is taken; HOST=0.0.0.0 to open it to the network.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build check test update lint browser clean help

help:
	@echo "make serve    - live-reloading site on http://$(HOST):$(PORT) (PORT=8001 for another port;"
	@echo "                warnings are shown but do not stop it; creates .venv on first run)"
	@echo "make check    - fast inner loop (~30 s): lint, every snippet, strict build, link/anchor crawl; no browser"
	@echo "make test     - whole test suite: check + mutation tests + browser tests (creates .venv-test, chromium)"
	@echo "make build    - strict build into site/ (any warning fails it)"
	@echo "make update   - regenerate every generated output (snippet outputs, figures, notebooks)"
	@echo "                make update FILE=snippets/day12/gather_01.py: only that file"
	@echo "make lint     - ruff over hooks/, tools/, tests/, bench/ and snippets/"
	@echo "make browser  - install Debian chromium for the browser tests if it is missing"
	@echo "make clean    - remove site/ and .pytest_cache"
	@echo "make help     - this list"

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

# A busy port is one line, not a traceback. Not strict (MKDOCS_STRICT, see mkdocs.yml): a
# warning is printed (hooks/serve_warnings.py repeats the count after each build) and the
# server keeps serving; `make build` and `make test` stay strict.
serve: $(DOCS_STAMP)
	@$(DOCS_VENV)/bin/python -c 'import socket, sys; s = socket.socket(); \
	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2])))' \
	  "$(HOST)" "$(PORT)" 2>/dev/null || { \
	  echo "make serve: cannot listen on $(HOST):$(PORT) (port in use? another make serve?): run make serve PORT=8001" >&2; \
	  exit 1; }
	MKDOCS_STRICT=false $(DOCS_VENV)/bin/mkdocs serve --livereload -a $(HOST):$(PORT) -w snippets -w img -w overrides -w hooks

build: $(DOCS_STAMP)
	$(DOCS_VENV)/bin/mkdocs build --strict --site-dir site

# The fast inner loop: no browser tests, no builds of project copies (tests marked `slow`).
check: $(DOCS_STAMP) $(TEST_STAMP) lint
	$(TEST_VENV)/bin/python -m pytest -q -m "not slow" \
	  tests/test_snippets.py tests/test_build.py tests/test_github_slugs.py

test: $(DOCS_STAMP) $(TEST_STAMP) $(NPM_STAMP) browser lint
	$(TEST_VENV)/bin/python -m pytest

lint: $(TEST_STAMP)
	$(TEST_VENV)/bin/ruff check hooks tools tests bench snippets

# make update FILE=snippets/day12/gather_01.py : only that file (several: FILE="a.py b.py")
update: $(TEST_STAMP)
	$(TEST_VENV)/bin/python -m tools.update $(FILE)

clean:
	rm -rf site .pytest_cache
