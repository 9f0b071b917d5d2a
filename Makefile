# Kad: the two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv comes from PyPI when it is not on PATH; it never downloads an interpreter of its own.
UV := $(shell command -v uv 2>/dev/null || echo $(PYTHON) -m uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PYTHONDONTWRITEBYTECODE := 1
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
DEMO_SEED ?= 1

# Debian packages the project needs: database, broker, search runtime fetcher, browser, Thai fonts.
APT_PACKAGES := postgresql redis-server maven unzip curl chromium fonts-thai-tlwg gettext
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-packages python-env node-packages demo test lint format typecheck pytest \
	services-up services-down services-status schema messages compilemessages bench clean \
	bench-load bench-storefront bench-lighthouse

help:
	@echo "make demo     install everything and run the marketplace with Lamphun demo data"
	@echo "make test     install everything, start the real services, run linters and all tests"
	@echo "make services-up | services-down | services-status"
	@echo "make lint | format | typecheck | pytest | schema | messages"
	@echo "make bench | bench-load | bench-storefront | bench-lighthouse"

install: system-packages python-env node-packages compilemessages

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

python-env:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	@$(UV) sync --frozen --python $(PYTHON) --quiet

# Front-end packages (htmx, served by whitenoise) and test tools (axe-core, Lighthouse) from npm.
# Node.js and npm come from Debian when the machine has none.
node-packages:
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }
	@[ node_modules/.package-lock.json -nt package-lock.json ] || \
		npm ci --no-audit --no-fund --loglevel=error

compilemessages: python-env
	@$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.local -v 0

services-up: install
	@infra/services up

services-down:
	@infra/services down

services-status:
	@infra/services status

demo: install
	@infra/services up postgres
	@export $$(infra/services env | grep '^DATABASE_URL='); \
	$(BIN)/python manage.py migrate --no-input -v 0; \
	$(BIN)/python manage.py seed_demo --seed $(DEMO_SEED); \
	$(BIN)/python manage.py search_index --rebuild --no-progress; \
	$(BIN)/python manage.py collectstatic --no-input -v 0; \
	echo ""; \
	echo "Kad is running:"; \
	echo "  storefront   http://$(DEMO_HOST):$(DEMO_PORT)/"; \
	echo "  GraphQL      http://$(DEMO_HOST):$(DEMO_PORT)/graphql/"; \
	echo "  vendor portal http://$(DEMO_HOST):$(DEMO_PORT)/vendor/  (artisan@kad.example / kad-demo-artisan)"; \
	echo "  admin        http://$(DEMO_HOST):$(DEMO_PORT)/admin/  (operator@kad.example / kad-demo-operator;"; \
	echo "               second factor: $(BIN)/python manage.py demo_otp_code)"; \
	echo "  reports      http://$(DEMO_HOST):$(DEMO_PORT)/reports/"; \
	echo "  readiness    http://$(DEMO_HOST):$(DEMO_PORT)/readyz"; \
	echo ""; \
	exec $(BIN)/python manage.py runserver --noreload $(DEMO_HOST):$(DEMO_PORT)

test: services-up
	@set -a; eval "$$(infra/services env)"; set +a; \
		$(MAKE) --no-print-directory lint typecheck pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck:
	$(BIN)/mypy .

pytest:
	$(BIN)/pytest

schema:
	$(BIN)/python manage.py graphql_schema

messages:
	$(BIN)/python manage.py makemessages -l th --ignore=.venv --ignore=.local --no-obsolete
	$(BIN)/python manage.py makemessages -l th -d djangojs --ignore=.venv --ignore=.local --ignore=.local/static --no-obsolete

bench: services-up
	@set -a; eval "$$(infra/services env)"; set +a; $(BIN)/python -m benchmarks

# Storefront and load benchmarks: gunicorn on loopback, JSON on stdout (see benchmarks/README.md).
bench-load: services-up
	@set -a; eval "$$(infra/services env)"; set +a; $(BIN)/python -m benchmarks.load

bench-storefront: services-up
	@set -a; eval "$$(infra/services env)"; set +a; $(BIN)/python -m benchmarks.storefront

bench-lighthouse: services-up
	@set -a; eval "$$(infra/services env)"; set +a; $(BIN)/python -m benchmarks.lighthouse

clean: services-down
	rm -rf .local .mypy_cache .ruff_cache .pytest_cache
