# Ravabet: `make run` sets everything up and serves the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := app

FONTS := Vazirmatn-Regular Vazirmatn-Medium Vazirmatn-Bold
# The Farsi-digits cut draws 0-9 as ۰-۹: PDFs use it so page numbers and list markers are Persian.
FD_FONTS := Vazirmatn-FD-Regular Vazirmatn-FD-Bold
TRANSLATION_DIRS = $(wildcard core/translations plugins/*/translations)

.PHONY: run test setup translations upgrade bench

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: setup
	$(BIN)/pytest

setup: $(VENV)/.installed static/vendor/.installed translations

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# htmx and the Vazirmatn font come from the npm registry and are served by the app itself.
static/vendor/.installed: node_modules/.installed Makefile
	mkdir -p static/vendor/fonts
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	for f in $(FONTS); do \
	  cp node_modules/vazirmatn/fonts/webfonts/$$f.woff2 static/vendor/fonts/ && \
	  cp node_modules/vazirmatn/fonts/ttf/$$f.ttf static/vendor/fonts/; done
	for f in $(FD_FONTS); do \
	  cp node_modules/vazirmatn/misc/Farsi-Digits/fonts/ttf/$$f.ttf static/vendor/fonts/; done
	touch $@

translations: $(VENV)/.installed
	@for d in $(TRANSLATION_DIRS); do $(BIN)/pybabel -q compile -f -d $$d || exit 1; done

bench: setup
	$(BIN)/python bench/run.py
