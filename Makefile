# Two commands on a fresh machine: `make run` and `make test`. Both build .venv when it is
# missing or older than pyproject.toml: `make run` with what Haki needs to run, `make test`
# with the test, lint and documentation tools besides.
# The PDF demand letter (WeasyPrint) needs Pango and a font from the system, and its docs
# picture pdftoppm: on Debian or Ubuntu, as root,
#   apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
# (.ci/run does this; macOS: brew install pango poppler). See docs/demand-letter.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest docs wheel-smoke bench bench-statements bench-reminders bench-outbox bench-reports diagrams catalogs

# uv (from PyPI, kept in .venv/.uv) installs in seconds what pip takes minutes for, and the
# venv is made without pip, which alone takes longer than that; where uv cannot be had, pip is
# put into the venv and does the same work
UV := $(VENV)/.uv/bin/uv
INSTALL = $(UV) pip install --quiet --python $(BIN)/python $(1) \
	|| ($(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip install --quiet $(1))

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Haki needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv --without-pip $(VENV)
	PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --target $(VENV)/.uv uv || echo "uv not available: installing with pip"

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(call INSTALL,-e .)
	touch $(RUNTIME)

# (a variable, as a comma in $(call ...)'s argument would split it)
TOOLS := '.[dev,docs]'
$(STAMP): pyproject.toml | $(BIN)/python
	$(call INSTALL,-e $(TOOLS))
	touch $(STAMP) $(RUNTIME)

# migrate, load the demo data (embedded database only) and serve, in one process and one start
# of the embedded PostgreSQL
run: $(RUNTIME)
	$(BIN)/haki serve --migrate --demo-data

test: lint typecheck pytest docs

# The documentation site (mkdocs.yml, docs/) in strict mode: a broken link or a page missing
# from the navigation fails; the site is written to site/
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The wheel, built and run from a fresh virtual environment outside the checkout
wheel-smoke: $(STAMP)
	PYTHON=$(BIN)/python .ci/wheel-smoke

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/transitions.py

bench-statements: $(STAMP)
	$(BIN)/python bench/statements.py

bench-reminders: $(STAMP)
	$(BIN)/python bench/reminders.py

bench-outbox: $(STAMP)
	$(BIN)/python bench/outbox.py

bench-reports: $(STAMP)
	$(BIN)/python bench/reports.py

.PHONY: bench-import
bench-import: $(STAMP)
	$(BIN)/python bench/import.py

diagrams: $(STAMP)
	$(BIN)/haki diagrams

# Messages: extract from the code, merge into the en and sw catalogs (new ones empty, changed
# ones fuzzy until a translator reviews them), then check both compile. Haki compiles them in
# memory at start, so no .mo file is written here or committed.
CATALOGS := notifications/catalogs
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -c TRANSLATORS: --add-location=file -w 100 \
	  --project=Haki --version=0.1.0 --copyright-holder=Haki \
	  --header-comment="# Haki's messages. Regenerate with \`make catalogs\`." \
	  -o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) -D haki -w 100 --ignore-obsolete
	for lang in en sw; do \
	  $(BIN)/pybabel compile --statistics -l $$lang -o /dev/null \
	    -i $(CATALOGS)/$$lang/LC_MESSAGES/haki.po || exit 1; \
	done

# The soak (bench/soak.py): 2 API processes and 3 workers on a throwaway PostgreSQL, 20 clients,
# a worker SIGKILLed every 30 s and PostgreSQL restarted once; 5 minutes (MINUTES=1 for less).
# Never run by CI.
.PHONY: soak
MINUTES ?= 5
soak: $(STAMP)
	$(BIN)/python bench/soak.py --minutes $(MINUTES)
