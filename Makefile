# Two commands do everything: `make book` builds the HTML site and the PDF, `make test` runs every check.
# Everything else here is a step of those two.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# jupyter-book build, with one Sphinx environment per builder (see scripts/jb.py)
JB := $(BIN)/python scripts/jb.py
# the Chinese edition's PDF (its block is below `make test`'s)
PDF_ZH := _build/latex-zh/book.pdf
export PYTHONHASHSEED := 0
# Dates in the build (the PDF title page) come from the last commit, so a rebuild is byte-stable.
export SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1598659200)

.PHONY: gettext check-translations book html pdf pdf-zh test checks execute bench lock setup venv packages-html packages-pdf packages-test clean
# A failed step leaves no half-built target behind: the next run redoes it.
.DELETE_ON_ERROR:

book: packages-pdf venv _build/latex/book.pdf _build/html/zh/index.html $(PDF_ZH)
	@echo
	@echo "HTML site: $(CURDIR)/_build/html/index.html"
	@echo "PDF book:  $(CURDIR)/_build/latex/book.pdf"
	@echo "中文版网站: $(CURDIR)/_build/html/zh/index.html"
	@echo "中文版PDF:  $(CURDIR)/$(PDF_ZH)"

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
BOOK_INPUTS := $(shell find book data src _static _templates -type f -not -path '*/.ipynb_checkpoints/*' -not -path '*/__pycache__/*' 2>/dev/null) _config.yml _toc.yml CITATION.cff

# The tracked inputs as they are before a build: tests/test_determinism.py checks the build changed none.
SNAPSHOT = mkdir -p _build && git ls-files -z -- $(BOOK_INPUTS) | xargs -0 sha256sum > _build/tracked-files.sha256

html: packages-html venv _build/html/index.html _build/html/zh/index.html
	@echo "HTML site: $(CURDIR)/_build/html/index.html"
	@echo "中文版:    $(CURDIR)/_build/html/zh/index.html"
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

# --- The Chinese PDF (issue 31): _build/latex-zh/book.pdf ------------------------------------------
# The configuration is _config.yml overlaid by the zh settings (scripts/zh_config.py writes it only when
# it changed); the LaTeX build has its own output folder and Sphinx environment (scripts/jb_zh.py), and
# latexmk keeps its record there, so an edit costs the passes it needs. ctex, xeCJK and the Noto CJK,
# DejaVu and Kai faces (apt.txt, pdf) typeset it; tests/test_pdf_zh.py checks it.
ZH_CONFIG := _build/zh-config/_config.yml
ZH_PDF_INPUTS := scripts/zh_config.py scripts/jb_zh.py $(shell find locales -type f -name '*.po' -o -type f -name '*.yml' 2>/dev/null)
pdf-zh: packages-pdf venv $(PDF_ZH)
	@echo "PDF book (Chinese edition): $(CURDIR)/$(PDF_ZH)"

$(ZH_CONFIG): _config.yml $(ZH_PDF_INPUTS) $(wildcard book/_latex/zh/*) $(VENV)/.installed
	$(BIN)/python scripts/zh_config.py
	@touch $@

$(PDF_ZH): _build/html/index.html $(ZH_CONFIG)
	@echo "== building the Chinese PDF (xelatex, ctex) =="
	rm -f $@
	TENPROGRAMS_RUNNER_CHECKED=1 $(BIN)/python scripts/jb_zh.py . --config $(ZH_CONFIG) --builder latex -n --keep-going
	@# no closing punctuation at a line start after a link or a raised mark (scripts/zh_tex_kinsoku.py)
	$(BIN)/python scripts/zh_tex_kinsoku.py _build/latex-zh/book.tex
	@if [ -f _build/latex-zh/book.out ]; then cp _build/latex-zh/book.out _build/latex-zh/book.out.before; else rm -f _build/latex-zh/book.out.before; fi
	$(MAKE) --no-print-directory -C _build/latex-zh all-pdf LATEXMKOPTS="-silent -halt-on-error" > /dev/null \
	  || { rm -f _build/latex-zh/book.fdb_latexmk; grep -A6 '^!' _build/latex-zh/book.log >&2; exit 1; }
	@# the outline (bookmarks) from a new or changed book.out needs one more pass (as for the English PDF)
	cd _build/latex-zh && if ! cmp -s book.out book.out.before; then \
	  xelatex -interaction=nonstopmode -halt-on-error book.tex > /dev/null || { grep -A6 '^!' book.log >&2; exit 1; }; fi
	@test -f $@

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
	@$(CHECK) translations "the Chinese catalogs: complete, current with the English, role for role (make check-translations)" -- \
	  $(MAKE) --no-print-directory check-translations
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

# --- The Chinese edition (issue #31): catalogs, the zh site, the translations' check ---------------
# `make gettext`: the message catalogs from the current English book, one a page
# (locales/zh_CN/LC_MESSAGES/<docname>.po). New pages get a new catalog; an existing one is merged
# with `msgmerge --previous`: a changed English paragraph becomes fuzzy and keeps the English it had
# (#| msgid), for the translator and `make check-translations`. (Not sphinx-intl: it flags messages
# python-format, which `msgfmt -c` then rejects, and keeps no previous msgid.)
LOCALE := locales/zh_CN/LC_MESSAGES
POT := _build/gettext
BOOK_TEXT_EPOCH = $(shell git log -1 --format=%ct -- ':(glob)book/**/*.ipynb' ':(glob)book/**/*.md' _toc.yml 2>/dev/null || echo 1598659200)
gettext: packages-html venv
	@echo "== extracting the messages (gettext builder) =="
	rm -rf $(POT)
	@# the catalogs' POT-Creation-Date: the last change of the book's text, not of the repository
	SOURCE_DATE_EPOCH=$(BOOK_TEXT_EPOCH) TENPROGRAMS_RUNNER_CHECKED=1 $(JB) . --builder custom --custom-builder gettext -W -n --keep-going
	@echo "== merging into $(LOCALE) (msgmerge --previous) =="
	@cd $(POT) && find . -name '*.pot' | sort | while read -r pot; do \
	  po="$(CURDIR)/$(LOCALE)/$${pot%.pot}.po"; mkdir -p "$$(dirname "$$po")"; \
	  if [ -f "$$po" ]; then msgmerge --quiet --previous --update --backup=off "$$po" "$$pot"; \
	  else msginit --quiet --no-translator --locale=zh_CN.UTF-8 --input="$$pot" --output-file="$$po"; fi; done
	@cd $(LOCALE) && find . -name '*.po' -not -name sphinx.po -not -name booktheme.po | sort | while read -r po; do \
	  [ -f "$(CURDIR)/$(POT)/$${po%.po}.pot" ] || echo "note: $(LOCALE)/$${po#./} has no page any more (remove it?)"; done
	$(BIN)/python scripts/check_translations.py --summary

# The Chinese site, inside the English one (_build/html/zh/: the switcher's links are relative), from
# the same source and the catalogs, configured by scripts/zh_config.py (_config.yml + the zh overlays),
# after the English build (which has executed what needed it). Untranslated text shows in English.
ZH_INPUTS := $(shell find locales -type f -name '*.po' -o -type f -name '*.yml' 2>/dev/null) $(wildcard _templates/*) $(wildcard book/_latex/zh/*) scripts/zh_config.py
_build/html/zh/index.html: _build/html/index.html $(ZH_INPUTS)
	@echo "== building the Chinese HTML site (warnings are errors) =="
	TENPROGRAMS_RUNNER_CHECKED=1 $(BIN)/python scripts/zh_config.py build --builder html -W -n --keep-going
	@touch $@

# The catalogs' status: missing, fuzzy (with the English they were translated from), obsolete and
# role mismatches, against a fresh gettext build of the current English. Fails until the translation
# is complete; `make test` prints the summary without failing (tests/test_translations.py tests the check).
check-translations: venv
	rm -rf $(POT)
	TENPROGRAMS_RUNNER_CHECKED=1 $(JB) . --builder custom --custom-builder gettext -W -n --keep-going > /dev/null
	$(BIN)/python scripts/check_translations.py --pot $(POT)

clean:
	rm -rf _build
