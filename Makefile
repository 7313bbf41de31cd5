# Two commands: `make run` serves the demo, `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed

.PHONY: run test lint messages setup

$(STAMP_PY): requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP_PY) $(STAMP_JS)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Omstilling is at http://127.0.0.1:8000"
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite on SQLite, then everything but the browser tests again on PostgreSQL: the
# browser tests check pages, not the database, so one run of them is enough.
# Browser tests use Debian's Chromium; scripts/test-services.sh installs what is missing.
PG_URL := postgres://omstilling@127.0.0.1:54329/omstilling

test: setup lint
	scripts/test-services.sh
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not browser"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: setup
	$(PY) manage.py makemessages -l nb -l nn --no-obsolete --ignore=node_modules --ignore=.venv
	$(PY) manage.py compilemessages --ignore=node_modules --ignore=.venv
