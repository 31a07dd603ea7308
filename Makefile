# Two commands for a newcomer: `make run` and `make test`. Python 3.11 required.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_USER ?= editor
DEMO_PASSWORD ?= editor-demo-2025
HOST ?= 127.0.0.1:8000

.PHONY: install run worker test test-sqlite test-postgres lint format lock migrate seed demo-user bench clean

# The lock holds every package, pinned and hashed: installed as it is (--no-deps), so
# pip never resolves again (a new release of lxml made it look past the pinned one
# for an extra the pinned one lacks), then checked for consistency.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip check
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py load_seeds --publish

demo-user: migrate
	$(BIN)/python manage.py create_demo_editor --username $(DEMO_USER) --password $(DEMO_PASSWORD)

# Serves the site and runs one background-task worker beside it (stopped with the server).
run: seed demo-user
	@echo "Serving at http://$(HOST)/ (admin at http://$(HOST)/admin/, API at http://$(HOST)/api/v1/)"
	$(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

# A background-task worker on its own (exports, extraction, uploads); any machine that reaches the database can run one.
worker: migrate
	$(BIN)/python manage.py db_worker

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .

# Every test and the linter, against SQLite (or PostgreSQL when DATABASE_URL is set).
test: install lint
	$(BIN)/python -m pytest

# Re-pin every dependency after editing pyproject.toml.
lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

bench: install
	$(BIN)/python benchmarks/load_seeds.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
