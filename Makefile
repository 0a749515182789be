# seffaf: two commands on a fresh machine.
#   make site   sets everything up and builds the default site into site/
#   make test   sets up what the tests need (Debian chromium and LibreOffice Calc included) and runs them all
#   make lock   regenerates the lock files after a dependency changed in pyproject.toml
#
# Both install exactly the versions and hashes in requirements.txt (the site) and
# requirements-test.txt (the site and the tests), written by uv; nothing else is downloaded.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

UV_VERSION := 0.13.9
LOCK_OPTIONS := --generate-hashes --universal --python-version 3.11 --quiet

.PHONY: site test check serve bench lock clean

site: $(VENV)/.installed
	$(BIN)/seffaf build
	@echo "Siteyi görmek için: make serve  (http://127.0.0.1:8000/)"

check: $(VENV)/.installed
	$(BIN)/seffaf check

serve: $(VENV)/.installed
	$(BIN)/seffaf serve

test: $(VENV)/.installed-test /usr/bin/chromium /usr/bin/soffice
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test /usr/bin/chromium
	$(BIN)/python bench/build.py

# The project itself is built with the locked setuptools (no build isolation, which would fetch the latest).
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

# Resolved for Python 3.11 on any platform, whatever Python runs this; a pin already
# in a lock file is kept unless pyproject.toml excludes it (make lock UPGRADE=--upgrade
# moves every package to its newest allowed version). The build backend from
# pyproject.toml's [build-system] is locked too.
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' > $(VENV)/build-system-requires.txt
	$(BIN)/uv pip compile pyproject.toml $(VENV)/build-system-requires.txt --extra test $(LOCK_OPTIONS) $(UPGRADE) \
		--custom-compile-command "make lock" -o requirements-test.txt
	$(BIN)/uv pip compile pyproject.toml $(VENV)/build-system-requires.txt -c requirements-test.txt $(LOCK_OPTIONS) \
		--custom-compile-command "make lock" -o requirements.txt

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# LibreOffice Calc without a display: tests save program workbooks through it as .xlsx, .ods and .xls
/usr/bin/soffice:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui

clean:
	rm -rf $(VENV) site
