# Two commands do all set-up on a fresh machine:
#   make run    start the dashboard on the shipped data (http://127.0.0.1:8050)
#   make test   run the whole test suite (installs Chromium, ChromeDriver, redis-server and nginx if missing)
# `make test-fast` runs only tests/unit and tests/integration (no browser, no gunicorn).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run serve proxy test test-fast lint data catalogues bench browser

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian or Ubuntu install python3-venv (apt-get install python3-venv)" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/.installed  ## make run ARGS="--port 8060"
	$(PY) app.py $(ARGS)

serve: $(VENV)/.installed proxy  ## production server: nginx in front of gunicorn (see README)
	exec $(PY) -m dashboard.web.serve 'app:create_server()'

proxy:  ## installs Debian's nginx if missing
	@bash scripts/ensure_nginx.sh

browser:
	@bash scripts/ensure_test_tools.sh

test: $(VENV)/.installed browser
	$(PY) -m pytest

test-fast: $(VENV)/.installed browser  ## browser also installs redis-server, which tests/integration needs
	$(PY) -m pytest tests/unit tests/integration

lint: $(VENV)/.installed  ## the rules, then the formatting (`ruff format .` fixes the second)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

data: $(VENV)/.installed  ## rebuild data/ from ../shared
	$(PY) -m dashboard.data.build

catalogues: $(VENV)/.installed  ## refresh the translation template and catalogues from the code
	$(PY) -m dashboard.catalogue update

bench: $(VENV)/.installed browser
	$(PY) -m bench
