# Sakoo: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install serve lint browser clean messages

$(STAMP): pyproject.toml $(wildcard package-lock.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# Test-only JavaScript tools (axe-core for the accessibility tests), pinned by package-lock.json.
	@if [ -f package.json ]; then \
	  if command -v npm >/dev/null; then npm ci --no-audit --no-fund || echo "npm ci failed: the accessibility tests will not run" >&2; \
	  else echo "npm not found: skipping test-only JavaScript tools (make test will need them)" >&2; fi; \
	fi
	touch $(STAMP)

install: $(STAMP)

## make demo: install, migrate an SQLite database, load reference and demo data, serve on $(HOST):$(PORT)
demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (unit, integration and browser tests) on SQLite, or on DATABASE_URL if set
test: $(STAMP) browser
	@if [ -f package.json ] && [ ! -f node_modules/axe-core/axe.min.js ]; then \
	  echo "The accessibility tests need axe-core: install Node.js and npm (sudo apt-get install npm), then run: npm ci --no-audit --no-fund" >&2; \
	  exit 1; fi
	SAKOO_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS)

# Browser tests drive Debian's Chromium; install it when missing and we may (root on Debian).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

# Regenerate and compile the translation catalogues (needs GNU gettext; compiled .mo files are committed).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fa -l en --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var/sakoo.sqlite3* var/search-index
