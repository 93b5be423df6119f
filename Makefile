# Shortcuts for a local checkout. The README's two commands need none of this.
PYTHON ?= .venv/bin/python

.PHONY: setup serve build check schemas test

setup:
	python3 -m venv .venv && .venv/bin/pip install -e '.[test]'

serve:
	$(PYTHON) -m mkdocs serve

build:
	$(PYTHON) -m mkdocs build --strict

check:
	$(PYTHON) -m macros check

schemas:
	$(PYTHON) -m macros schemas

test:
	$(PYTHON) -m pytest
