# make demo: set up .venv and build the Fairhaven example into out/
# make serve: set up .venv and open the Check page at http://127.0.0.1:8075/
# make test: set up .venv with dev tools and run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
S75 := $(VENV)/bin/s75docs
INSTALLED := $(VENV)/.installed
DEV := $(VENV)/.dev-installed
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: demo serve test lint typecheck pytest bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml setup.py | $(PY)
	$(PIP) -e .
	@touch $@

$(DEV): pyproject.toml setup.py $(INSTALLED)
	$(PIP) -e '.[dev]'
	@touch $@

demo: $(INSTALLED)
	$(S75) build examples/fairhaven/scheme.yaml -o out/fairhaven-agreement.docx
	$(S75) build examples/fairhaven/scheme.yaml -o out/fairhaven-agreement.md
	$(S75) build examples/fairhaven/scheme.yaml -o out/fairhaven-agreement.html
	$(S75) check out/fairhaven-agreement.docx -o out/fairhaven-check.txt
	$(S75) check out/fairhaven-agreement.docx --format json -o out/fairhaven-check.json
	$(S75) vary examples/fairhaven/scheme.yaml examples/fairhaven/scheme-v2.yaml \
		-o out/fairhaven-variation --format docx --format md
	$(S75) check out/fairhaven-variation/deed.docx -o out/fairhaven-variation/deed-check.txt
	$(S75) report examples/fairhaven/scheme.yaml --meeting examples/fairhaven/meeting.yaml \
		--kind cabinet -o out/fairhaven-cabinet-report.docx
	$(S75) report examples/fairhaven/scheme-v2.yaml \
		--variation-from examples/fairhaven/scheme.yaml \
		--meeting examples/fairhaven/meeting-v2.yaml \
		--kind cabinet -o out/fairhaven-variation-cabinet-report.docx
	$(S75) vary examples/fairhaven/scheme-v2.yaml examples/fairhaven/scheme-v3.yaml \
		-o out/fairhaven-variation-2 --format docx --format md
	$(S75) check out/fairhaven-variation-2/deed.docx -o out/fairhaven-variation-2/deed-check.txt
	$(S75) report examples/fairhaven/scheme-v3.yaml \
		--variation-from examples/fairhaven/scheme-v2.yaml \
		--meeting examples/fairhaven/meeting-v3.yaml \
		--kind cabinet -o out/fairhaven-variation-2-cabinet-report.docx
	$(S75) build examples/luton-2013/scheme.yaml --library examples/luton-2013/library \
		-o out/luton-2013-agreement.docx
	$(S75) check out/luton-2013-agreement.docx --as-of 2013-04-01 -o out/luton-2013-check.txt
	$(S75) build examples/leicestershire-bcf-2019/scheme.yaml \
		--library examples/leicestershire-bcf-2019/library -o out/leicestershire-2019-agreement.docx
	$(S75) check out/leicestershire-2019-agreement.docx --as-of 2019-12-10 \
		-o out/leicestershire-2019-check.txt
	@if command -v soffice >/dev/null 2>&1; then \
		$(S75) build examples/fairhaven/scheme.yaml -o out/fairhaven-agreement.pdf; \
		$(S75) vary examples/fairhaven/scheme.yaml examples/fairhaven/scheme-v2.yaml \
			-o out/fairhaven-variation --format pdf; \
	else echo "skipping PDF: LibreOffice (soffice) is not installed"; fi

serve: $(INSTALLED)
	$(S75) serve

lint: $(DEV)
	$(VENV)/bin/ruff check .

typecheck: $(DEV)
	$(VENV)/bin/mypy

pytest: $(DEV)
	$(VENV)/bin/pytest -q

test: lint typecheck pytest

bench: $(INSTALLED)
	$(PY) bench/bench_build.py
	$(PY) bench/bench_cold.py
	$(PY) bench/bench_check.py
	$(PY) bench/bench_serve.py

clean:
	rm -rf out .mypy_cache .pytest_cache .ruff_cache
