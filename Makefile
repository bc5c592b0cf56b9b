# One interface for everyone: make serve | make check | make test | make build | make update.
# First run of a command creates the virtualenvs it needs from the lock files (locks/).
# `make help` lists every target: the text after `## ` on its line.

PYTHON      ?= python3
DOCS_VENV   := .venv
TEST_VENV   := .venv-test
LOCK_VENV   := .venv-lock
DOCS_STAMP  := $(DOCS_VENV)/.installed
TEST_STAMP  := $(TEST_VENV)/.installed
LOCK_STAMP  := $(LOCK_VENV)/.installed
NPM_STAMP   := node_modules/.installed
SHELL := bash
.SHELLFLAGS := -o pipefail -ec
# pip warns about every optional local index folder it cannot find: keep the log readable
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither' || true; }
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# nbconvert lists its exporters by instantiating each one at import: 0.2-0.4 s per build for a
# help string (tools/harness/build.py BUILD_ENV explains)
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1

# The tests run in pytest-xdist workers, one per core, at most 4 (`make test JOBS=1`: one); a test
# file stays whole in one worker (--dist loadfile: its module fixtures, such as the browser scans,
# run once) and the site is built once for all of them (tests/conftest.py, pytest_configure_node).
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n > 4 ? 4 : n )))

# `make serve PORT=8001` when 8000 is taken; HOST=0.0.0.0 to open it to the network.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build check test update upgrade lock lint browser clean help check-locks mutate

help: ## this list
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-z-]+:[^#]*## / { printf "make %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# MkDocs runs from here (the site's extensions are the package hooks/, hooks/events.py explains),
# through tools/serve.py: a build error or warning shows on the page in the browser instead of a
# stuck server, and a busy port is one line naming a free one. Not strict (MKDOCS_STRICT, see
# mkdocs.yml): the server keeps serving; `make build` and `make test` stay strict.
serve: check-locks $(DOCS_STAMP) ## live-reloading site on http://127.0.0.1:8000 (PORT=8001, HOST=0.0.0.0)
	@MKDOCS_STRICT=false $(DOCS_VENV)/bin/python -m tools.serve --host $(HOST) --port $(PORT)

build: check-locks $(DOCS_STAMP) ## strict build into site/ (any warning fails it)
	$(DOCS_VENV)/bin/python -m mkdocs build --strict --site-dir site

# The fast inner loop: the whole suite but the tests that start Chromium (marked `browser`) or
# build throw-away copies of the project (marked `slow`): tests/conftest.py marks them from the
# fixtures they use, and refuses a browser or a copy to any other test.
check: check-locks $(DOCS_STAMP) $(TEST_STAMP) lint ## fast inner loop (~35 s): lint, every test that starts no browser and copies no project
	$(TEST_VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile -q -m "not slow and not browser" tests

test: check-locks $(DOCS_STAMP) $(TEST_STAMP) $(LOCK_STAMP) $(NPM_STAMP) browser lint ## the whole suite: check + project copies + browser tests
	$(TEST_VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile

LINTED := hooks tools tests bench snippets
lint: check-locks $(TEST_STAMP) ## ruff check and ruff format --check (fix: ruff check --fix, ruff format) over our Python
	@$(TEST_VENV)/bin/ruff check --quiet $(LINTED) || { \
	  echo "make lint: run $(TEST_VENV)/bin/ruff check --fix $(LINTED) (what it cannot fix stays above as file:line)" >&2; exit 1; }
	@$(TEST_VENV)/bin/ruff format --check --quiet $(LINTED) || { \
	  echo "make lint: run $(TEST_VENV)/bin/ruff format $(LINTED)" >&2; exit 1; }

update: check-locks $(TEST_STAMP) ## regenerate every generated output (FILE=snippets/day12/gather_01.py: only that)
	$(TEST_VENV)/bin/python -m tools.update $(FILE)

mutate: check-locks $(DOCS_STAMP) $(TEST_STAMP) ## put each known bug (tools/mutations.py) into a copy: do the fast tests catch it?
	$(TEST_VENV)/bin/python -m tools.mutate $(MUTATIONS)

lock: $(LOCK_STAMP) ## re-lock locks/*.txt after an edit of pyproject.toml's groups (other pins stay)
	$(LOCK_VENV)/bin/python -m tools.locks compile

upgrade: ## newest allowed versions: re-lock, rebuild, re-run everything, report (ONLY=torch: one package)
	$(PYTHON) -m tools.upgrade $(if $(ONLY),--only $(ONLY)) $(UPGRADE_FLAGS)

# A lock older than pyproject.toml's groups fails every command at once, with the fix.
check-locks: ## exit 1, naming `make lock`, when pyproject.toml's groups changed since the locks were made
	@$(PYTHON) -m tools.locks check

browser: ## install Debian chromium for the browser tests if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

clean: ## remove site/, .pytest_cache and .cache (the build's cache: hooks/cache)
	rm -rf site .pytest_cache .cache

# ---------------------------------------------------------------- environments

# Every environment is exactly its lock file (locks/<group>.txt, tools/locks.py): created anew
# when the lock changes, installed with hashes and no resolver, then checked (nothing more,
# nothing less, dependencies consistent). $(call install_locked,VENV,GROUP)
define install_locked
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install -q --require-hashes --no-deps --only-binary :all: -r locks/installer.txt $(QUIET_PIP)
	$(1)/bin/python -m pip install -q --require-hashes --no-deps --only-binary :all: -r locks/$(2).txt $(QUIET_PIP)
	$(1)/bin/python -m tools.locks verify --prune locks/$(2).txt
	@out=$$($(1)/bin/python -m pip check) || { echo "$$out" >&2; exit 1; }
	touch $(1)/.installed
endef

# Docs environment: mkdocs + theme + extensions only. No torch.
$(DOCS_STAMP): locks/installer.txt locks/docs.txt | check-locks
	$(call install_locked,$(DOCS_VENV),docs)

# Test environment: docs group + torch, pytest, playwright, ...
$(TEST_STAMP): locks/installer.txt locks/test.txt | check-locks
	$(call install_locked,$(TEST_VENV),test)

# pip-tools, for make lock / make upgrade (and the lock tests).
$(LOCK_STAMP): locks/installer.txt locks/lock.txt
	$(call install_locked,$(LOCK_VENV),lock)

# Browser tests drive Debian's Chromium; axe-core comes from npm (package-lock.json, npm ci).
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
