# Two commands do everything: `make book` builds the HTML site and the PDF, `make test` runs every check.
# Everything else here is a step of those two.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# jupyter-book build, with one Sphinx environment per builder (see scripts/jb.py)
JB := $(BIN)/python scripts/jb.py
export PYTHONHASHSEED := 0
# Dates in the build (the PDF title page) come from the last commit, so a rebuild is byte-stable.
export SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1598659200)

.PHONY: book html pdf test checks execute bench lock setup venv packages-html packages-pdf packages-test clean
# A failed step leaves no half-built target behind: the next run redoes it.
.DELETE_ON_ERROR:

book: packages-pdf venv _build/latex/book.pdf
	@echo
	@echo "HTML site: $(CURDIR)/_build/html/index.html"
	@echo "PDF book:  $(CURDIR)/_build/latex/book.pdf"

# Each target asks only for the Debian packages it needs (apt.txt marks them html, pdf or test):
# `make html` needs no TeX and no browser.
setup: packages-test venv
venv: $(VENV)/.installed

packages-html packages-pdf packages-test: packages-%:
	@bash scripts/ensure-system-packages.sh apt.txt $*

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "== creating $(VENV) and installing requirements.txt (pinned) =="
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# The book's notebooks (NB=path to act on one).
NB ?= $(shell find book -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)

# Everything the book is built from: a rebuild happens only when one of these changed
# (CITATION.cff: the PDF title page prints its version and release date).
BOOK_INPUTS := $(shell find book data src _static -type f -not -path '*/.ipynb_checkpoints/*' -not -path '*/__pycache__/*' 2>/dev/null) _config.yml _toc.yml CITATION.cff

# The tracked inputs as they are before a build: tests/test_determinism.py checks the build changed none.
SNAPSHOT = mkdir -p _build && git ls-files -z -- $(BOOK_INPUTS) | xargs -0 sha256sum > _build/tracked-files.sha256

html: packages-html venv _build/html/index.html
	@echo "HTML site: $(CURDIR)/_build/html/index.html"
pdf: packages-pdf venv _build/latex/book.pdf

# The data are validated when they (or the package that checks them) changed, not on a prose edit.
DATA_INPUTS := $(filter data/% src/%,$(BOOK_INPUTS))
_build/data-validated: $(VENV)/.installed $(DATA_INPUTS)
	@echo "== validating data/ =="
	@mkdir -p _build
	$(BIN)/python -m tenprograms validate
	@touch $@

_build/html/index.html: $(VENV)/.installed $(BOOK_INPUTS) _build/data-validated
	@$(SNAPSHOT)
	@echo "== executing the notebooks whose code, package or data changed (in parallel, in place) =="
	$(BIN)/python scripts/run_notebooks.py
	@echo "== building HTML (warnings are errors) =="
	@# the runner has just checked every notebook: the Sphinx hook (build/fresh.py) need not check again
	TENPROGRAMS_RUNNER_CHECKED=1 $(JB) . --builder html -W -n --keep-going
	@touch $@

_build/latex/book.pdf: _build/html/index.html
	@echo "== building PDF (xelatex) =="
	@# latexmk keeps its record of the last run and compares its inputs' contents, so an edit costs the
	@# passes it needs, and a book.tex that came out byte for byte the same (a code edit that changed no
	@# output) costs none: the PDF is kept, not deleted first. A failed run is remembered by latexmk
	@# ("Nothing to do"), so a failure drops the record, and the PDF with it (no stale PDF is left).
	@# the outline (bookmarks) a pass writes comes from the book.out the pass before wrote: keep the last one
	@if [ -f _build/latex/book.out ]; then cp _build/latex/book.out _build/latex/book.out.before; else rm -f _build/latex/book.out.before; fi
	TENPROGRAMS_RUNNER_CHECKED=1 $(JB) . --builder pdflatex -n --keep-going || { rm -f _build/latex/book.fdb_latexmk $@; bash scripts/show-latex-errors.sh; exit 1; }
	@# latexmk stops one pass short of writing the PDF outline from a new or changed book.out: then one
	@# more pass (a prose edit that moves no heading needs none).
	cd _build/latex && if ! cmp -s book.out book.out.before; then \
	  echo "== one more xelatex pass: the PDF outline changed =="; \
	  xelatex -interaction=nonstopmode -halt-on-error book.tex > /dev/null || { cd ../.. && rm -f $@ && bash scripts/show-latex-errors.sh; exit 1; }; fi
	$(BIN)/python scripts/check_pdf.py || { rm -f $@; exit 1; }
	@# a PDF latexmk found current keeps its time: make must still see it as newer than the HTML
	@touch $@

# `make test` runs every check that can run and then lists them all (passed / FAILED / not run); it
# fails if any failed. Each step is recorded by scripts/check_step.sh in _build/checks/; a step
# that needs the book (--needs book) runs only if the book was built in this run.
CHECK := bash scripts/check_step.sh
# The committed notebooks must be current before anything is built: a build would refresh them in
# place (and hide the staleness), so a stale notebook also stops the build (reported "not run").
test: packages-test venv
	@rm -rf _build/checks
	@$(CHECK) current "the committed notebooks are executed against the current code and data" -- \
	  $(BIN)/python scripts/run_notebooks.py --check
	@$(SNAPSHOT)
	@$(CHECK) book "build the book (make book: HTML + PDF)" --needs current -- $(MAKE) --no-print-directory book
	@bash scripts/offline.sh $(MAKE) --no-print-directory checks IN_TEST=1
	@bash scripts/check_summary.sh

# The checks alone, on an already built book (`make test` runs them offline after `make book`).
checks:
	@$(if $(IN_TEST),,rm -rf _build/checks)
	@$(CHECK) lint "lint: the package, tests, scripts and the notebooks' code (ruff, pinned)" -- \
	  $(BIN)/ruff check src tests scripts book
	@$(CHECK) unit "unit and data tests (pytest -m 'not build and not browser')" -- \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -n 2 -m "not build and not browser" tests
	@$(CHECK) built "build and browser tests on the built book (pytest -m 'build or browser')" $(if $(IN_TEST),--needs book) -- \
	  $(BIN)/python -m pytest -q -p no:cacheprovider -m "build or browser" tests
	@$(CHECK) nbval "nbval: every book notebook re-executed and compared with its stored outputs" -- \
	  $(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval-sanitize.cfg -n 2 --dist loadscope $(NB)
	@$(if $(IN_TEST),,bash scripts/check_summary.sh)

# Re-execute notebooks in place so their stored outputs are current (all of them, or NB=...).
execute: packages-html venv
	$(BIN)/python scripts/run_notebooks.py --all $(NB)

# Measure the build (cold html/book, prose/code/data edits, BASE=<rev> side by side, TEST=1 also
# `make test`; nbval, notebook times, sizes) and write the tables to bench/results.md and the README.
# REPEAT=N: medians of N rounds (a shared machine); GOALS=1: only the steps with goals (bench/goals.md).
bench: setup
	$(BIN)/python scripts/bench.py $(if $(BASE),--base $(BASE)) $(if $(TEST),--test) $(if $(REPEAT),--repeat $(REPEAT)) $(if $(GOALS),--goals-only)

# requirements.txt is the lock: every package of the environment, pinned, resolved from the
# dependencies pyproject.toml declares under the oldest Python supported (Debian 12's 3.11.2).
# The current pins are kept (constraints): only a new dependency is resolved. `make lock UPGRADE=1`
# re-resolves everything (then re-execute the notebooks: their outputs depend on the versions).
LOCK_PYTHON ?= /usr/bin/python3
LOCK_VENV := _build/lock-venv
lock:
	rm -rf $(LOCK_VENV) && mkdir -p _build && $(LOCK_PYTHON) -m venv $(LOCK_VENV)
	grep -v '^-e ' requirements.txt > _build/lock-constraints.txt
	$(LOCK_VENV)/bin/pip install -q --disable-pip-version-check $(if $(UPGRADE),,-c _build/lock-constraints.txt) -e '.[book,test]'
	$(LOCK_VENV)/bin/pip check
	{ echo "# The whole resolved environment, pinned exactly (a lock), generated by \`make lock\` from the"; \
	  echo "# dependencies in pyproject.toml under $$($(LOCK_PYTHON) -c 'import platform; print("Python", platform.python_version())'); do not edit by hand."; \
	  echo "# jupyter-book must stay <2: 2.x cannot build this _config.yml/_toc.yml layout."; \
	  $(LOCK_VENV)/bin/pip freeze --exclude-editable | grep -v '^-e '; echo "-e .[book,test]"; } > requirements.txt.new
	mv requirements.txt.new requirements.txt && rm -rf $(LOCK_VENV)
	git diff --stat -- requirements.txt

clean:
	rm -rf _build
