# Heldigital: the README's two commands are `make run` and `make test`.
# Every set-up step a fresh machine needs is here (venv, pip, npm, browser,
# migrations). Targets are idempotent; stamps make repeated runs quick.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: run test guide install assets browser gettext dns migrate demo lint format typecheck bench bench-read bench-surge bench-as4 bench-invoices wrk difftest reporting-difftest clean

run: install assets migrate ## set up, load the demo data if empty, serve http://127.0.0.1:8000 and run the worker
	$(BIN)/heldigital demo --if-empty
	@# The worker in the background, the server in the foreground; Ctrl-C stops both.
	@$(BIN)/heldigital worker & worker=$$!; \
	$(BIN)/heldigital serve --host 127.0.0.1 --port 8000 & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null' INT TERM; \
	wait $$server; kill $$worker 2>/dev/null; wait

test: install assets browser dns gettext ## the whole suite, on SQLite and (when reachable) PostgreSQL
	scripts/run-tests

# The user guide's screenshots (docs/guide/img), taken by the browser walk of every role.
guide: install assets browser ## write the user guide's screenshots (docs/guide/img)
	HELDIGITAL_GUIDE_SHOTS=1 $(BIN)/pytest -q tests/ui/test_guide.py

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

assets: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Browser tests drive Debian's Chromium through Playwright; never download a browser.
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The address register's SML zone is served by Debian's NSD in the tests (tests/platform/smp/nsd.py).
dns:
	@test -x /usr/sbin/nsd || { \
	  echo "Installing Debian nsd for the SML zone tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsd; }

# The translation test extracts messages with GNU gettext (Django's makemessages).
gettext:
	@command -v xgettext >/dev/null && command -v msgattrib >/dev/null || { \
	  echo "Installing Debian gettext for the translation test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

migrate: install
	$(BIN)/heldigital manage migrate --no-input

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy -p heldigital.xml -p heldigital.ledger -p heldigital.ehf -p heldigital.sealing -p heldigital.peppol -p heldigital.publication -p heldigital.iso20022 -p heldigital.matching

bench: install assets wrk dns ## benchmarks, written to docs/benchmarks.md
	$(PY) bench/validate.py $(BENCH_ARGS)
	$(PY) bench/read.py
	$(PY) bench/surge.py
	$(PY) bench/as4.py
	$(PY) bench/invoices.py

bench-as4: install dns ## only the access point benchmark (two APs over HTTPS, 10,000 documents with SIGKILLs)
	$(PY) bench/as4.py $(BENCH_ARGS)

bench-invoices: install ## only the invoice benchmark (receive, validate, match, decide on PostgreSQL)
	$(PY) bench/invoices.py $(BENCH_ARGS)

bench-read: install assets wrk ## only the read benchmark (production server, 32 clients)
	$(PY) bench/read.py $(BENCH_ARGS)

bench-surge: install assets ## only the deadline-surge benchmark (1,020 tenders in the last minute)
	$(PY) bench/surge.py $(BENCH_ARGS)

# The read benchmark's load generator is Debian's wrk (C, cheap on the shared cores).
wrk:
	@command -v wrk >/dev/null || { \
	  echo "Installing Debian wrk for the read benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

SEED ?= 1
N    ?= 2000
difftest: install ## differential test against the official rules: make difftest SEED=7 N=20000
	$(PY) -m tests.differential --seed $(SEED) -n $(N) $(DIFF_ARGS)

reporting-difftest: install ## Peppol Reporting rules against the official Schematron: make reporting-difftest SCH=dir SEED=1 N=5000
	$(PY) -m tests.lib.peppol.reporting_differential --sch $(or $(SCH),var/cache/reporting-sch) --seed $(SEED) --mutants $(N)

schemathesis: install ## the API's property-based tests with many more examples (SQLite; DATABASE_URL for PostgreSQL)
	HELDIGITAL_SCHEMATHESIS_COVERAGE=1 HELDIGITAL_SCHEMATHESIS_EXAMPLES=$${HELDIGITAL_SCHEMATHESIS_EXAMPLES:-200} $(BIN)/pytest -q tests/platform/test_schemathesis.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
