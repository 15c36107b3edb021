# Interview Coach — the two commands of the README's quick start are `make run` and `make test`.
# Both are idempotent: a stamp file records what was installed, so a second run installs nothing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch is pinned in the same pip command: the CPU wheel is on disk, anything else pulls CUDA.
TORCH := torch==2.13.0
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
DEBIAN_TEST_PACKAGES := chromium espeak-ng sox postgresql
PORT ?= 8501

.PHONY: run test setup setup-test lint index check clean

run: setup  ## set up, build the index if missing, start the app on 127.0.0.1 (offline engine)
	$(BIN)/coach run --port $(PORT)

test: setup-test  ## set up (with test extras and Debian packages) and run the whole suite
	$(BIN)/python -m pytest

setup: $(APP_STAMP)

setup-test: $(TEST_STAMP) debian-test-packages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet $(TORCH) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/python -m pip install --quiet $(TORCH) -e '.[test]'
	touch $@

# Debian packages the tests use (a real browser, speech synthesis for audio fixtures, and
# PostgreSQL for the team-mode tests, which start a throwaway cluster of their own).
# Installed only when missing and only as root; otherwise the missing ones are named.
.PHONY: debian-test-packages
debian-test-packages:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing Debian packages (install as root):$$missing"; fi; \
	fi

lint: setup-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

index: setup
	$(BIN)/coach index

check: setup
	$(BIN)/coach check

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts
