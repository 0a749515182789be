# seffaf: two commands on a fresh machine.
#   make site   sets everything up and builds the default site into site/
#   make test   sets up what the tests need (Debian chromium included) and runs them all

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test check serve bench clean

site: $(VENV)/.installed
	$(BIN)/seffaf build
	@echo "Siteyi görmek için: make serve  (http://127.0.0.1:8000/)"

check: $(VENV)/.installed
	$(BIN)/seffaf check

serve: $(VENV)/.installed
	$(BIN)/seffaf serve

test: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/python bench/build.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) site
